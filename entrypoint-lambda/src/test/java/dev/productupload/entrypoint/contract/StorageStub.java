package dev.productupload.entrypoint.contract;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for S3 and DynamoDB on a free loopback port and answers every call with one error, so the local server's
 * AWS backend fails the way a deployment can: refused access (a fault of the deployment) or a service that is down.
 */
final class StorageStub implements AutoCloseable {

    /**
     * How every call is answered, in the DynamoDB JSON protocol (S3 reads only the status of these). AccessDenied is a
     * 400 not to retry, InternalServerError a 500 to retry: docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
     */
    enum Answer {
        ACCESS_DENIED(400, "AccessDeniedException"),
        DOWN(500, "InternalServerError");

        private final int status;
        private final String type;

        Answer(int status, String type) {
            this.status = status;
            this.type = type;
        }
    }

    private final HttpServer server;
    private volatile Answer answer = Answer.ACCESS_DENIED;

    StorageStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Answer now = answer;
                byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + now.type
                        + "\",\"message\":\"storage stub\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(now.status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
