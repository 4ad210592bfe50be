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
     * How calls are answered, in the DynamoDB JSON protocol (S3 reads only the status of these). AccessDenied is a
     * 400 not to retry, InternalServerError a 500 to retry: docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
     */
    enum Answer {
        /** Every call refused, as with a missing permission. */
        ACCESS_DENIED(400, "AccessDeniedException", false),
        /** Every call fails as a service that is down. */
        DOWN(500, "InternalServerError", false),
        /** Reads of the latest version find nothing; every other call (the write, its read-back) fails as down. */
        WRITES_UNCONFIRMED(500, "InternalServerError", true);

        private final int status;
        private final String type;
        private final boolean queriesFindNothing;

        Answer(int status, String type, boolean queriesFindNothing) {
            this.status = status;
            this.type = type;
            this.queriesFindNothing = queriesFindNothing;
        }
    }

    private static final String QUERY = "DynamoDB_20120810.Query";

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
                boolean found = now.queriesFindNothing && QUERY.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                byte[] body = (found ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}"
                        : "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + now.type
                        + "\",\"message\":\"storage stub\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(found ? 200 : now.status, body.length);
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
