package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes one JSON line per request: ids, method, path and product id (at most 256 characters each), status, latency and
 * sizes. Never the body, the file bytes or any header; failures carry their exception classes and stack only
 * when the server is at fault (5xx).
 */
public final class RequestLog {

    private static final int MAX_STACK_FRAMES = 20;
    /** What the client chose (method, path) is logged up to this many characters, so a line stays a line. */
    static final int MAX_CLIENT_TEXT = 256;

    private final ObjectMapper json;
    private final Consumer<String> sink;
    private final Clock clock;

    public RequestLog(ObjectMapper json, Consumer<String> sink, Clock clock) {
        this.json = json;
        this.sink = sink;
        this.clock = clock;
    }

    /** Lines to standard output, where Lambda and a terminal both pick them up. */
    public static RequestLog toStandardOutput(ObjectMapper json) {
        return new RequestLog(json, System.out::println, Clock.systemUTC());
    }

    /** What one request did, filled in by the pipeline as it goes. */
    public static final class Entry {
        String requestId;
        String method;
        String path;
        int status;
        String problem;
        long requestBytes;
        long responseBytes;
        Long fileBytes;
        String productId;
        Long version;
        Throwable failure;
        /** With an Idempotency-Key: executed, replayed, or what kept the answer from being remembered. */
        String idempotency;
    }

    void write(Entry entry, long latencyNanos) {
        sink.accept(format(entry, latencyNanos));
    }

    /** The JSON line of one request. */
    String format(Entry entry, long latencyNanos) {
        ObjectNode line = json.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", entry.status >= 500 ? "ERROR" : entry.status >= 400 ? "WARN" : "INFO");
        line.put("message", "request");
        line.put("requestId", entry.requestId);
        putBounded(line, "method", entry.method);
        putBounded(line, "path", entry.path);
        line.put("status", entry.status);
        if (entry.problem != null) {
            line.put("problem", entry.problem);
        }
        line.put("latencyMs", Math.round(latencyNanos / 10_000.0) / 100.0);
        line.put("requestBytes", entry.requestBytes);
        line.put("responseBytes", entry.responseBytes);
        if (entry.fileBytes != null) {
            line.put("fileBytes", entry.fileBytes);
        }
        if (entry.productId != null) {
            // A path's product id is the client's text until a rule has judged it.
            putBounded(line, "productId", entry.productId);
            line.put("version", entry.version);
        }
        if (entry.idempotency != null) {
            line.put("idempotency", entry.idempotency);
        }
        if (entry.failure != null && entry.status >= 500) {
            line.set("error", error(entry.failure));
        }
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"request log line could not be written\"}";
        }
    }

    /** The text as it is, or its first characters and, in {@code NAMELength}, how long it really was. */
    private static void putBounded(ObjectNode line, String name, String text) {
        if (text == null || text.length() <= MAX_CLIENT_TEXT) {
            line.put(name, text);
            return;
        }
        line.put(name, ClientText.prefix(text, MAX_CLIENT_TEXT) + "...");
        line.put(name + "Length", text.length());
    }

    private ObjectNode error(Throwable failure) {
        ObjectNode error = json.createObjectNode();
        error.put("type", failure.getClass().getName());
        ArrayNode causes = error.putArray("causes");
        for (Throwable cause = failure.getCause(); cause != null && causes.size() < 5; cause = cause.getCause()) {
            causes.add(cause.getClass().getName());
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            error.withArray("suppressed").add(suppressed.getClass().getName());
        }
        ArrayNode stack = error.putArray("stack");
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_STACK_FRAMES); i++) {
            stack.add(frames[i].toString());
        }
        return error;
    }
}
