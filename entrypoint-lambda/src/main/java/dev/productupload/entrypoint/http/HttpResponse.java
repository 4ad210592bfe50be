package dev.productupload.entrypoint.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response produced by the pipeline; servers copy it out as it is. Its body is {@code body}, or, for a file
 * served by the local server, {@code streamed}: written straight from storage, never held in memory.
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body, Streamed streamed) {

    /** A body of a known length that writes itself to the connection. */
    public interface Streamed {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public HttpResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    /** A response whose body is streamed. */
    public static HttpResponse streamed(int status, Map<String, String> headers, Streamed body) {
        return new HttpResponse(status, headers, null, Objects.requireNonNull(body, "body"));
    }

    /** The body's length in bytes, streamed or not. */
    public long length() {
        return streamed == null ? body.length : streamed.length();
    }

    /** An application/json response. */
    public static HttpResponse json(int status, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    /** This response with {@code name} set to {@code value} unless it already has that header. */
    public HttpResponse withHeaderIfAbsent(String name, String value) {
        if (headers.containsKey(name)) {
            return this;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new HttpResponse(status, all, body, streamed);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
