package dev.productupload.adapters.aws.testing;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JUnit extension that gives tests an S3-compatible server (s3proxy, in-memory, signatures checked) and a
 * DynamoDB-compatible one (dynalite), each behind a {@link TcpProxy} so tests can make them unreachable.
 * The servers start once per test JVM, on free ports, and stop when the JVM's tests are done
 * (see {@link LocalAws}).
 */
public final class LocalAwsServers implements ExtensionContext.Store.CloseableResource {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final Region REGION = Region.US_EAST_1;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ServerProcess s3proxy;
    private final ServerProcess dynalite;
    private final TcpProxy s3;
    private final TcpProxy dynamoDb;

    LocalAwsServers() {
        this(startS3Proxy(), startDynalite());
    }

    private LocalAwsServers(ServerProcess s3proxy, ServerProcess dynalite) {
        this.s3proxy = s3proxy;
        this.dynalite = dynalite;
        this.s3 = new TcpProxy(s3proxy.port());
        this.dynamoDb = new TcpProxy(dynalite.port());
    }

    private static ServerProcess startS3Proxy() {
        int port = ServerProcess.freePort();
        Path jar = ServerProcess.requiredPath("s3proxy.jar");
        try {
            Path config = Files.createDirectories(Path.of("target", "test-servers")).resolve("s3proxy-" + port + ".conf");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient-nio2",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    ""));
            return ServerProcess.start("s3proxy", List.of(ServerProcess.javaExecutable().toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties", config.toString()), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerProcess startDynalite() {
        int port = ServerProcess.freePort();
        Path dynaliteDir = ServerProcess.requiredPath("dynalite.dir");
        return ServerProcess.start("dynalite", List.of("node", dynaliteDir.resolve("cli.js").toString(),
                "--port", String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0",
                "--updateTableMs", "0"), port);
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** The two servers as a process would be told about them: through their environment. */
    public Map<String, String> environment(String bucket, String table) {
        return Map.of(
                AwsSettings.REGION, REGION.id(),
                AwsSettings.BUCKET_NAME, bucket,
                AwsSettings.TABLE_NAME, table,
                AwsSettings.S3_ENDPOINT, s3.endpoint(),
                AwsSettings.DYNAMODB_ENDPOINT, dynamoDb.endpoint(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** Settings that point at a bucket and a table on these servers; creates nothing. */
    public AwsSettings settingsFor(String bucket, String table) {
        return new AwsSettings(REGION, bucket, table, URI.create(s3.endpoint()), URI.create(dynamoDb.endpoint()));
    }

    /** A new, empty versioned bucket and product table, with settings that point at them. */
    public AwsSettings freshResources() {
        String name = "products-it-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        AwsSettings settings = settingsFor(name, name);
        AwsResources.createVersionedBucket(s3Client(settings), settings.bucket());
        AwsResources.createProductTable(dynamoDbClient(settings), settings.table());
        return settings;
    }

    public S3Client s3Client(AwsSettings settings) {
        return AwsClients.s3(settings, credentials());
    }

    public DynamoDbClient dynamoDbClient(AwsSettings settings) {
        return AwsClients.dynamoDb(settings, credentials());
    }

    public void setS3Reachable(boolean reachable) {
        s3.setReachable(reachable);
    }

    public void setDynamoDbReachable(boolean reachable) {
        dynamoDb.setReachable(reachable);
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        s3proxy.close();
        dynalite.close();
    }
}
