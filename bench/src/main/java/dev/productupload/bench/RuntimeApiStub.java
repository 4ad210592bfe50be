package dev.productupload.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda Runtime API on loopback for one cold start: hands out one event, records when its response arrives,
 * then refuses the next poll as an environment that is shutting down would.
 */
final class RuntimeApiStub implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final byte[] event;
    private final AtomicBoolean handedOut = new AtomicBoolean();
    /** The response body, completed when it arrives; {@link #respondedNanos} says when (System.nanoTime). */
    final CompletableFuture<String> response = new CompletableFuture<>();
    volatile long respondedNanos;

    RuntimeApiStub(byte[] event) throws IOException {
        this.event = event;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals(PREFIX + "invocation/next") && handedOut.compareAndSet(false, true)) {
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "bench-1");
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:product-upload");
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            reply(exchange, 200, event);
        } else if (path.endsWith("/response") || path.endsWith("/error")) {
            respondedNanos = System.nanoTime();
            response.complete(new String(body, StandardCharsets.UTF_8));
            reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            reply(exchange, 500, "{\"errorMessage\":\"shutting down\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
