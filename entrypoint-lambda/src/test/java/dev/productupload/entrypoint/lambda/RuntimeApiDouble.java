package dev.productupload.entrypoint.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Lambda Runtime API on loopback (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
 * hands out queued events with their deadline, answers a SnapStart runtime's {@code /restore/next}, and records
 * the function's responses and errors and the order of its calls. Every reply carries a Content-Type, which the
 * runtime interface client requires. It keeps Lambda's payload limits for a synchronous invocation, 6 MB each way
 * (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): an event over it is refused before the function
 * sees it, and a response over it gets the 413 the Runtime API gives (github.com/brefphp/bref/pull/1483), and the
 * invoker the {@code Function.ResponseSizeTooLarge} error instead of the response.
 */
final class RuntimeApiDouble implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    /** The largest event Lambda invokes a function with synchronously, in bytes. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    /** The largest response Lambda accepts from a synchronous invocation, in bytes, as its error message says. */
    static final int MAX_RESPONSE_BYTES = 6_291_556;
    /** What the invoker gets instead of a response over {@link #MAX_RESPONSE_BYTES}. */
    static final String RESPONSE_TOO_LARGE = "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload "
            + "size (" + MAX_RESPONSE_BYTES + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}";

    private final HttpServer server;
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** The runtime API paths the function called, in order, without the version prefix. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Runnable onRestoreNext = () -> { };
    /** When the last event was handed to the function, and when its response came back (System.nanoTime). */
    volatile long handedOutNanos;
    volatile long respondedNanos;
    private final CountDownLatch closing = new CountDownLatch(1);
    final CompletableFuture<String> response = new CompletableFuture<>();
    /** Every response, in order, as the invoker got it. */
    private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
    final CompletableFuture<String> error = new CompletableFuture<>();
    final CompletableFuture<String> initError = new CompletableFuture<>();
    final CompletableFuture<String> restoreError = new CompletableFuture<>();

    private record Event(String requestId, String body, Duration deadline) {
    }

    RuntimeApiDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-double");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void enqueue(String requestId, String event) {
        enqueue(requestId, event, DEFAULT_DEADLINE);
    }

    /** An event whose invocation must end {@code deadline} after the function receives it. */
    void enqueue(String requestId, String event, Duration deadline) {
        int size = event.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("RequestEntityTooLargeException: " + size + " bytes; Request must be "
                    + "smaller than " + MAX_EVENT_BYTES + " bytes for the InvokeFunction operation");
        }
        events.add(new Event(requestId, event, deadline));
    }

    /** The next response the invoker got, waiting up to {@code timeout} for it. */
    String nextResponse(Duration timeout) throws InterruptedException {
        String next = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new IllegalStateException("no response within " + timeout + "; calls so far: " + calls);
        }
        return next;
    }

    /** Runs when the function reports that its snapshot hooks ran and asks to be restored. */
    void onRestoreNext(Runnable action) {
        this.onRestoreNext = action;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path);
        if (path.equals(PREFIX + "restore/next")) {
            onRestoreNext.run();
            reply(exchange, 200, "");
        } else if (path.equals(PREFIX + "restore/error")) {
            restoreError.complete(body);
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.equals(PREFIX + "init/error")) {
            initError.complete(body);
            error.complete(body);
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.equals(PREFIX + "invocation/next")) {
            Event next = awaitEvent();
            if (next == null) {
                reply(exchange, 500, "{\"errorMessage\":\"test over\"}");
                return;
            }
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.requestId());
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                    String.valueOf(System.currentTimeMillis() + next.deadline().toMillis()));
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:product-upload");
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            handedOutNanos = System.nanoTime();
            reply(exchange, 200, next.body());
        } else if (path.startsWith(PREFIX + "invocation/") && path.endsWith("/response")) {
            respondedNanos = System.nanoTime();
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_RESPONSE_BYTES) {
                responses.add(RESPONSE_TOO_LARGE);
                response.complete(RESPONSE_TOO_LARGE);
                reply(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                        + " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
                return;
            }
            responses.add(body);
            response.complete(body);
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.endsWith("/error")) {
            responses.add(body);
            error.complete(body);
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
        }
    }

    /** The next event, or null once the test is over; blocks like the real long poll. */
    private Event awaitEvent() {
        try {
            while (closing.getCount() > 0) {
                Event next = events.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
