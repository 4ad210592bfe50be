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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training run of the custom-runtime package's AOT cache, at build time on the package's own runtime: the
 * handler wired as in Lambda, the SnapStart priming path (every route through the pipeline, the clients' first
 * calls) and one upload through the handler; then, when {@code AWS_LAMBDA_RUNTIME_API} names a loopback port, the
 * runtime interface client itself, as {@code bootstrap} starts it, serving an upload and a read that this process
 * hands out as the Runtime API. S3, DynamoDB and the Runtime API are stand-ins on that one loopback port in this
 * process, so nothing outside it is called; the process ends once the client has answered both.
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

    /** An API Gateway proxy event of a read of a product that does not exist. */
    private static final String READ_EVENT = "{\"resource\":\"/products/{productId}\",\"path\":\"/products/aot-training\","
            + "\"httpMethod\":\"GET\",\"headers\":{\"Accept\":\"application/json\"},"
            + "\"pathParameters\":{\"productId\":\"aot-training\"},\"queryStringParameters\":null,"
            + "\"multiValueQueryStringParameters\":null,\"requestContext\":{\"requestId\":\"aot-training-read\"},"
            + "\"isBase64Encoded\":false,\"body\":null}";
    /** The exit status when the port named in {@code AWS_LAMBDA_RUNTIME_API} is taken, so the build picks another. */
    static final int PORT_TAKEN = 3;

    private AotTraining() {
    }

    public static void main(String[] args) throws Throwable {
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        int port = runtimeApi == null ? 0 : Integer.parseInt(runtimeApi.substring(runtimeApi.lastIndexOf(':') + 1));
        LoopbackAws aws;
        try {
            aws = new LoopbackAws(port, List.of(UPLOAD_EVENT, READ_EVENT));
        } catch (java.net.BindException e) {
            System.exit(PORT_TAKEN);
            return;
        }
        try {
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
            if (runtimeApi != null) {
                // The client and the handler it builds from this process's environment; it never returns: the
                // stand-in ends the process once the client has posted the last response.
                String handlerName = UploadHandler.class.getName() + "::handleRequest";
                Class.forName("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
                        .getMethod("main", String[].class).invoke(null, (Object) new String[] {handlerName});
            }
        } finally {
            aws.close();
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
        private final java.util.Queue<String> invocations;
        private final int invocationCount;
        private volatile int served;
        private volatile int answered;

        LoopbackAws(int port, List<String> invocations) throws IOException {
            socket = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
            this.invocations = new java.util.concurrent.ConcurrentLinkedQueue<>(invocations);
            this.invocationCount = invocations.size();
            Thread acceptor = new Thread(this::accept, "aot-training-loopback");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread handler = new Thread(() -> {
                        try (connection) {
                            serve(connection);
                        } catch (IOException e) {
                            // the client dropped the connection, or training ended
                        }
                    }, "aot-training-connection");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    // the socket closed at the end of training
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
                String path = line.split(" ")[1];
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
                byte[] received = in.readNBytes(length);
                if (path.startsWith(RUNTIME_API)) {
                    runtimeApi(path, received, out);
                } else if (s3Put) {
                    out.write(("HTTP/1.1 200 OK\r\nx-amz-request-id: aot-training\r\nETag: \"aot-training\"\r\n"
                            + "x-amz-version-id: aot-training-version\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    // With consumed capacity as DynamoDB reports it when asked (TOTAL for queries, INDEXES for the
                    // head's put), so that the classes which read it join the cache.
                    String body = target != null && target.endsWith(".Query")
                            ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0,\"ConsumedCapacity\":{\"TableName\":"
                            + "\"aot-training\",\"CapacityUnits\":0.5}}"
                            : "{\"ConsumedCapacity\":{\"TableName\":\"aot-training\",\"CapacityUnits\":4.0,"
                            + "\"Table\":{\"CapacityUnits\":1.0},\"GlobalSecondaryIndexes\":{\"byProductId\":"
                            + "{\"CapacityUnits\":1.0}}}}";
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

        private static final String RUNTIME_API = "/2018-06-01/runtime/";

        /** The Runtime API (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): next event, its response. */
        private void runtimeApi(String path, byte[] received, OutputStream out) throws IOException {
            if (path.equals(RUNTIME_API + "invocation/next")) {
                String event = invocations.poll();
                if (event == null) {
                    respond(out, 500, "", "{\"errorMessage\":\"training over\"}");
                    return;
                }
                String id = "aot-training-" + (invocationCount - invocations.size());
                respond(out, 200, "Lambda-Runtime-Aws-Request-Id: " + id + "\r\nLambda-Runtime-Deadline-Ms: "
                        + (System.currentTimeMillis() + 60_000) + "\r\nLambda-Runtime-Invoked-Function-Arn: "
                        + "arn:aws:lambda:us-east-1:123456789012:function:aot-training\r\n"
                        + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\n", event);
            } else if (path.startsWith(RUNTIME_API + "invocation/") && path.endsWith("/response")) {
                respond(out, 202, "", "{\"status\":\"OK\"}");
                if (++answered == invocationCount) {
                    System.out.println("{\"level\":\"INFO\",\"message\":\"AOT training: the runtime interface "
                            + "client answered " + answered + " invocations\"}");
                    System.exit(0);
                }
            } else {
                System.err.println("AOT training: the runtime interface client reported an error at " + path + ": "
                        + new String(received, StandardCharsets.UTF_8));
                respond(out, 202, "", "{\"status\":\"OK\"}");
                System.exit(1);
            }
        }

        private static void respond(OutputStream out, int status, String headers, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + status + (status < 300 ? " OK" : " Error") + "\r\nContent-Type: application/json\r\n"
                    + headers + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
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
