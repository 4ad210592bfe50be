package dev.productupload.entrypoint.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.PercentDecoding;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves the API on localhost through the same pipeline as the Lambda handler, wired by {@link LocalComposition}
 * to in-memory adapters, to on-disk ones with {@code --data-dir}, or to the AWS adapters with {@code --backend aws}.
 */
public final class LocalServer implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(LocalServerOptions.USAGE);
            return;
        }
        LocalServerOptions options;
        try {
            options = LocalServerOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalServerOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalServer server = start(options, RequestLog.toStandardOutput(ApiJson.mapper()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-server-shutdown"));
        System.out.println("Listening on http://localhost:" + server.port());
    }

    /** Starts a server; port 0 picks a free port, see {@link #port()}. */
    public static LocalServer start(LocalServerOptions options, RequestLog log) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes wait for a delayed ACK: 40 ms a response.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        Pipeline pipeline = LocalComposition.wire(options, log);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(pipeline, exchange));
        server.start();
        return new LocalServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(Pipeline pipeline, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            // One byte over the limit is enough for the pipeline to see that a body is too large.
            byte[] body = exchange.getRequestBody().readNBytes(pipeline.settings().maxBodyBytes() + 1);
            // The raw path: the route table decodes each path parameter once, after matching.
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    headers, body, UUID.randomUUID().toString(), Map.of(),
                    PercentDecoding.query(exchange.getRequestURI().getRawQuery()));
            HttpResponse response = pipeline.handle(request);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
