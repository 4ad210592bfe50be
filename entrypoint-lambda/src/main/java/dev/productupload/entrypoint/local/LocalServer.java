package dev.productupload.entrypoint.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.productupload.adapters.local.SignedUploadLinks;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.PercentDecoding;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves the API on localhost through the same pipeline as the Lambda handler, wired by {@link LocalComposition}
 * to in-memory adapters, to on-disk ones with {@code --data-dir}, or to the AWS adapters with {@code --backend aws}.
 */
public final class LocalServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Exit code of a bad option, or of options the server cannot start with (a port in use, a folder it cannot write). */
    static final int BAD_OPTIONS = 2;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("reconcile")) {
            System.exit(LocalReconcile.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(LocalServerOptions.USAGE);
            return;
        }
        LocalServer server;
        try {
            LocalServerOptions options = LocalServerOptions.parse(List.of(args));
            server = start(options, RequestLog.toStandardOutput(ApiJson.mapper()));
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            exit(BAD_OPTIONS, oneLine(e));
            return;
        } catch (RuntimeException e) {
            exit(1, "cannot start: " + oneLine(e));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-server-shutdown"));
        System.out.println("Listening on http://localhost:" + server.port());
    }

    /** One line for the operator, no stack trace: the failure's message and its cause's. */
    private static String oneLine(Exception failure) {
        String message = failure instanceof BindException
                ? "--port: " + failure.getMessage()
                : String.valueOf(failure.getMessage());
        if (failure.getCause() != null && failure.getCause().getMessage() != null
                && !message.contains(failure.getCause().getMessage())) {
            message += ": " + failure.getCause().getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static void exit(int code, String line) {
        System.err.println("error: " + line + " (--help lists the options)");
        System.exit(code);
    }

    /** Starts a server; port 0 picks a free port, see {@link #port()}. */
    public static LocalServer start(LocalServerOptions options, RequestLog log) throws IOException {
        return start(options, log, Clock.systemUTC());
    }

    /** A server whose staged uploads and their URLs expire by {@code clock}. */
    static LocalServer start(LocalServerOptions options, RequestLog log, Clock clock) throws IOException {
        LocalConnections.configureJdkServer();
        LocalComposition.Wiring wiring = LocalComposition.wiring(options, log, clock);
        Pipeline pipeline = wiring.pipeline();
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        ExecutorService workers = LocalConnections.workers();
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(pipeline, exchange));
        if (wiring.stagedPuts() != null) {
            server.createContext(SignedUploadLinks.PATH_PREFIX, wiring.stagedPuts()::serve);
        }
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
            exchange.sendResponseHeaders(response.status(), response.length() == 0 ? -1 : response.length());
            try (OutputStream out = exchange.getResponseBody()) {
                if (response.streamed() != null) {
                    response.streamed().writeTo(out);
                } else {
                    out.write(response.body());
                }
            }
        }
    }
}
