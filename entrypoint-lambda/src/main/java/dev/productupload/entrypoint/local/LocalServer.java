package dev.productupload.entrypoint.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.UploadApi;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

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
 * Serves the upload API on localhost through the same pipeline as the Lambda handler, wired to in-memory
 * adapters, to on-disk ones with {@code --data-dir}, or to the AWS adapters with {@code --backend aws}.
 * Composition root of the local run.
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
        UploadApi api = options.aws() == null
                ? localBackend(options, log)
                : awsBackend(options, log);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(api, exchange));
        server.start();
        return new LocalServer(server, workers);
    }

    private static UploadApi localBackend(LocalServerOptions options, RequestLog log) {
        if (options.dataDir() == null) {
            return UploadApi.wire(new InMemoryProductRepository(), new InMemoryFileStorage(), options.settings(), log);
        }
        return UploadApi.wire(new FileSystemProductRepository(options.dataDir()),
                new FileSystemFileStorage(options.dataDir()), options.settings(), log);
    }

    private static UploadApi awsBackend(LocalServerOptions options, RequestLog log) {
        AwsSettings aws = options.aws();
        AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        S3Client s3 = AwsClients.s3(aws, credentials);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws, credentials);
        if (options.createResources()) {
            AwsResources.createVersionedBucket(s3, aws.bucket());
            AwsResources.createProductTable(dynamoDb, aws.table());
        }
        return UploadApi.wire(new DynamoDbProductRepository(dynamoDb, aws.table()),
                new S3FileStorage(s3, aws.bucket()), options.settings(), log);
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

    private static void serve(UploadApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            // One byte over the limit is enough for the pipeline to see that a body is too large.
            byte[] body = exchange.getRequestBody().readNBytes(api.settings().maxBodyBytes() + 1);
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    headers, body, UUID.randomUUID().toString());
            HttpResponse response = api.handle(request);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
