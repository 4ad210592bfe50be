package dev.productupload.entrypoint.lambda;

import dev.productupload.adapters.aws.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The training run of the custom-runtime package's AOT cache, at build time on the package's own runtime: the
 * handler wired as in Lambda, then the SnapStart priming path (every route through the pipeline, the clients'
 * first calls), against a DynamoDB stand-in on loopback in this process, so nothing outside it is called.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        try (EmptyDynamoDb dynamoDb = new EmptyDynamoDb()) {
            Map<String, String> environment = Map.of(
                    AwsSettings.BUCKET_NAME, "aot-training",
                    AwsSettings.TABLE_NAME, "aot-training",
                    AwsSettings.REGION, "us-east-1",
                    AwsSettings.DYNAMODB_ENDPOINT, dynamoDb.endpoint());
            UploadHandler handler = new UploadHandler(LambdaComposition.create(environment,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("training", "training"))));
            handler.beforeCheckpoint(null);
            System.out.println("{\"level\":\"INFO\",\"message\":\"AOT training served " + dynamoDb.served
                    + " DynamoDB calls\"}");
        }
    }

    /**
     * Answers DynamoDB's JSON protocol on loopback as a table without items does: a Query with no items, a
     * GetItem without {@code Item} (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html).
     */
    static final class EmptyDynamoDb implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread acceptor;
        private volatile int served;

        EmptyDynamoDb() throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "aot-training-dynamodb");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    serve(connection);
                } catch (IOException e) {
                    // the socket closed at the end of training, or the client dropped a connection
                }
            }
        }

        private void serve(Socket connection) throws IOException {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                String target = null;
                int length = 0;
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                while (!(line = readLine(in)).isEmpty()) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                    } else if (lower.startsWith("x-amz-target:")) {
                        target = line.substring(line.indexOf(':') + 1).strip();
                    }
                }
                in.readNBytes(length);
                String body = target != null && target.endsWith(".Query")
                        ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}" : "{}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                        + "x-amzn-RequestId: aot-training\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                served++;
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return c == -1 && line.isEmpty() ? null : line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
