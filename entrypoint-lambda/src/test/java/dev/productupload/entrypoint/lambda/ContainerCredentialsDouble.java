package dev.productupload.entrypoint.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The credentials endpoint Lambda gives a SnapStart function, on loopback: it answers a GET carrying the
 * authorization token with temporary credentials in the container-credentials JSON shape, and anything else
 * with 403 (docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html).
 */
final class ContainerCredentialsDouble implements AutoCloseable {

    private static final String PATH = "/2021-04-23/credentials";

    private final HttpServer server;
    private final String token = UUID.randomUUID().toString();
    private final String accessKeyId;
    private final String secretAccessKey;
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    ContainerCredentialsDouble(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "container-credentials-double");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    String fullUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    String token() {
        return token;
    }

    private void serve(HttpExchange exchange) throws IOException {
        boolean authorized = "GET".equals(exchange.getRequestMethod())
                && PATH.equals(exchange.getRequestURI().getPath())
                && token.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body;
        int status;
        if (authorized) {
            served.incrementAndGet();
            status = 200;
            body = ("{\"AccessKeyId\":\"" + accessKeyId + "\",\"SecretAccessKey\":\"" + secretAccessKey
                    + "\",\"Token\":\"session-" + token + "\",\"Expiration\":\""
                    + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            refused.incrementAndGet();
            status = 403;
            body = "{\"message\":\"invalid authorization token\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
