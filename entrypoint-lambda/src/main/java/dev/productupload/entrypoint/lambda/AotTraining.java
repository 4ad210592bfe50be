package dev.productupload.entrypoint.lambda;

import dev.productupload.adapters.aws.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * handler wired as in Lambda, the SnapStart priming path (every route through the pipeline, the clients' first
 * calls), then one upload through the handler, against S3 and DynamoDB stand-ins on loopback in this process, so
 * nothing outside it is called and the first upload's S3 put and DynamoDB put are in the cache too.
 */
public final class AotTraining {

    /** An API Gateway proxy event of a new product with a small file. */
    private static final String UPLOAD_EVENT = "{\"resource\":\"/upload\",\"path\":\"/upload\",\"httpMethod\":\"POST\","
            + "\"headers\":{\"Content-Type\":\"application/json\"},\"pathParameters\":null,"
            + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
            + "\"requestContext\":{\"requestId\":\"aot-training\",\"identity\":{\"caller\":\"aot-training\"}},"
            + "\"isBase64Encoded\":false,\"body\":\"{\\\"fileName\\\":\\\"training.txt\\\",\\\"fileData\\\":\\\"aGVsbG8=\\\","
            + "\\\"contentType\\\":\\\"text/plain\\\",\\\"productData\\\":{\\\"productName\\\":\\\"Training\\\","
            + "\\\"price\\\":1.00,\\\"currency\\\":\\\"EUR\\\"}}\"}";

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        try (LoopbackAws aws = new LoopbackAws()) {
            Map<String, String> environment = Map.of(
                    AwsSettings.BUCKET_NAME, "aot-training",
                    AwsSettings.TABLE_NAME, "aot-training",
                    AwsSettings.REGION, "us-east-1",
                    AwsSettings.DYNAMODB_ENDPOINT, aws.endpoint(),
                    AwsSettings.S3_ENDPOINT, aws.endpoint());
            UploadHandler handler = new UploadHandler(LambdaComposition.create(environment,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("training", "training"))));
            handler.beforeCheckpoint(null);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(UPLOAD_EVENT.getBytes(StandardCharsets.UTF_8)), response, null);
            if (!response.toString(StandardCharsets.UTF_8).contains("\"statusCode\":201")) {
                throw new IllegalStateException("the training upload failed: " + response);
            }
            System.out.println("{\"level\":\"INFO\",\"message\":\"AOT training served " + aws.served
                    + " S3 and DynamoDB calls\"}");
        }
    }

    /**
     * S3 and DynamoDB on loopback, as an empty table and a versioned bucket answer: DynamoDB's JSON protocol with a
     * Query without items, a GetItem without {@code Item} and a PutItem that succeeds
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html), and an S3 PUT with the
     * version id a versioned bucket gives (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).
     */
    static final class LoopbackAws implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread acceptor;
        private volatile int served;

        LoopbackAws() throws IOException {
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
                boolean expectsContinue = false;
                int length = 0;
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                boolean s3Put = line.startsWith("PUT ");
                while (!(line = readLine(in)).isEmpty()) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                    } else if (lower.startsWith("x-amz-target:")) {
                        target = line.substring(line.indexOf(':') + 1).strip();
                    } else if (lower.startsWith("expect:") && lower.contains("100-continue")) {
                        expectsContinue = true;
                    }
                }
                if (expectsContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                in.readNBytes(length);
                if (s3Put) {
                    out.write(("HTTP/1.1 200 OK\r\nx-amz-request-id: aot-training\r\nETag: \"aot-training\"\r\n"
                            + "x-amz-version-id: aot-training-version\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    String body = target != null && target.endsWith(".Query")
                            ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}" : "{}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "x-amzn-RequestId: aot-training\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                }
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
