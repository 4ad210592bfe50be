package dev.productupload.adapters.aws.testing;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The S3 and DynamoDB the integration tests run against. By default: s3proxy (in memory, signatures checked)
 * and dynalite, started once per test JVM on free ports, each behind a {@link TcpProxy} so tests can make
 * them unreachable, and stopped after the last test (see {@link AwsBackendsExtension}).
 * With {@code PRODUCT_UPLOAD_IT_AWS=1}: the AWS account of the environment's credentials and
 * {@code AWS_REGION}; buckets and tables made for the tests are deleted after them.
 */
public final class AwsBackends implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** Set to 1 to run the integration tests against a real AWS account. */
    public static final String REAL_AWS_VARIABLE = "PRODUCT_UPLOAD_IT_AWS";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final ServerProcess s3proxy;
    private final ServerProcess dynalite;
    private final TcpProxy s3;
    private final TcpProxy dynamoDb;
    private final Queue<AwsSettings> created = new ConcurrentLinkedQueue<>();

    private AwsBackends(Region region, AwsCredentialsProvider credentials, ServerProcess s3proxy, ServerProcess dynalite) {
        this.region = region;
        this.credentials = credentials;
        this.s3proxy = s3proxy;
        this.dynalite = dynalite;
        this.s3 = s3proxy == null ? null : new TcpProxy(s3proxy.port());
        this.dynamoDb = dynalite == null ? null : new TcpProxy(dynalite.port());
    }

    public static AwsBackends start() {
        if ("1".equals(System.getenv(REAL_AWS_VARIABLE))) {
            String region = System.getenv(AwsSettings.REGION);
            if (region == null) {
                throw new IllegalStateException(REAL_AWS_VARIABLE + "=1 needs AWS_REGION and credentials in the environment");
            }
            return new AwsBackends(Region.of(region), EnvironmentVariableCredentialsProvider.create(), null, null);
        }
        ServerProcess s3 = startS3Proxy();
        ServerProcess dynamoDb;
        try {
            dynamoDb = startDynalite();
        } catch (RuntimeException | Error e) {
            // Nothing is left running when the second server cannot start.
            s3.close();
            throw e;
        }
        return new AwsBackends(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), s3, dynamoDb);
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
                    // Session credentials (a SnapStart function's) sign x-amz-security-token, which s3proxy
                    // would otherwise refuse as unknown; the signature itself is still checked.
                    "s3proxy.ignore-unknown-headers=true",
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

    private boolean isLocal() {
        return s3 != null;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The backends as a process would be told about them: through its environment. */
    public Map<String, String> environment(String bucket, String table) {
        Map<String, String> environment = new HashMap<>();
        environment.put(AwsSettings.REGION, region.id());
        environment.put(AwsSettings.BUCKET_NAME, bucket);
        environment.put(AwsSettings.TABLE_NAME, table);
        environment.put(AwsSettings.IDEMPOTENCY_TABLE_NAME, AwsSettings.idempotencyTableBeside(table));
        var identity = credentials.resolveCredentials();
        environment.put("AWS_ACCESS_KEY_ID", identity.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", identity.secretAccessKey());
        if (identity instanceof software.amazon.awssdk.auth.credentials.AwsSessionCredentials session) {
            environment.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        if (isLocal()) {
            environment.put(AwsSettings.S3_ENDPOINT, s3.endpoint());
            environment.put(AwsSettings.DYNAMODB_ENDPOINT, dynamoDb.endpoint());
        }
        return environment;
    }

    /** The same environment, with S3 and DynamoDB reached directly rather than through the cuttable proxies. */
    public Map<String, String> directEnvironment(String bucket, String table) {
        Map<String, String> environment = environment(bucket, table);
        if (isLocal()) {
            environment.put(AwsSettings.S3_ENDPOINT, "http://127.0.0.1:" + s3proxy.port());
            environment.put(AwsSettings.DYNAMODB_ENDPOINT, "http://127.0.0.1:" + dynalite.port());
        }
        return environment;
    }

    /** Settings that point at a bucket and a table of these backends; creates nothing. */
    public AwsSettings settingsFor(String bucket, String table) {
        return isLocal()
                ? new AwsSettings(region, bucket, table, URI.create(s3.endpoint()), URI.create(dynamoDb.endpoint()))
                : new AwsSettings(region, bucket, table, null, null);
    }

    /**
     * A new, empty versioned bucket, product table and idempotency table (named
     * {@link AwsSettings#idempotencyTableBeside}), with settings that point at them.
     */
    public AwsSettings freshResources() {
        String name = "product-upload-it-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        AwsSettings settings = settingsFor(name, name);
        created.add(settings);
        AwsResources.createVersionedBucket(s3Client(settings), settings.bucket());
        AwsResources.createProductTable(dynamoDbClient(settings), settings.table());
        AwsResources.createIdempotencyTable(dynamoDbClient(settings), AwsSettings.idempotencyTableBeside(settings.table()));
        return settings;
    }

    public S3Client s3Client(AwsSettings settings) {
        return AwsClients.s3(settings, credentials);
    }

    public DynamoDbClient dynamoDbClient(AwsSettings settings) {
        return AwsClients.dynamoDb(settings, credentials);
    }

    /** Fault tests need servers they can cut; against a real account they are skipped, and only they. */
    public void assumeFaultsCanBeInjected() {
        Assumptions.assumeTrue(isLocal(), "S3 and DynamoDB cannot be cut in a real AWS account");
    }

    public void setS3Reachable(boolean reachable) {
        assumeFaultsCanBeInjected();
        s3.setReachable(reachable);
    }

    /** Runs {@code action} and returns the bytes of the requests S3 received meanwhile. */
    public byte[] s3RequestBytesDuring(Runnable action) {
        assumeFaultsCanBeInjected();
        return s3.requestBytesDuring(action);
    }

    /** The next {@code count} S3 responses are lost after S3 processed their requests. */
    public void cutNextS3Responses(int count) {
        assumeFaultsCanBeInjected();
        s3.cutNextResponses(count);
    }

    /** The next {@code count} DynamoDB responses are lost after DynamoDB processed their requests. */
    public void cutNextDynamoDbResponses(int count) {
        assumeFaultsCanBeInjected();
        dynamoDb.cutNextResponses(count);
    }

    /** DynamoDB freezes: calls hang, nothing reaches the server until it is un-stalled or cut. */
    public void setDynamoDbStalled(boolean stalled) {
        assumeFaultsCanBeInjected();
        dynamoDb.setStalled(stalled);
    }

    public void setDynamoDbReachable(boolean reachable) {
        assumeFaultsCanBeInjected();
        dynamoDb.setReachable(reachable);
    }

    @Override
    public void close() {
        if (isLocal()) {
            s3.close();
            dynamoDb.close();
            s3proxy.close();
            dynalite.close();
            return;
        }
        for (AwsSettings settings : created) {
            deleteBucket(s3Client(settings), settings.bucket());
            dynamoDbClient(settings).deleteTable(delete -> delete.tableName(settings.table()));
            dynamoDbClient(settings).deleteTable(delete ->
                    delete.tableName(AwsSettings.idempotencyTableBeside(settings.table())));
        }
    }

    private static void deleteBucket(S3Client s3, String bucket) {
        for (ObjectVersion version : s3.listObjectVersionsPaginator(list -> list.bucket(bucket)).versions()) {
            s3.deleteObject(delete -> delete.bucket(bucket).key(version.key()).versionId(version.versionId()));
        }
        s3.listObjectVersionsPaginator(list -> list.bucket(bucket)).deleteMarkers().forEach(marker ->
                s3.deleteObject(delete -> delete.bucket(bucket).key(marker.key()).versionId(marker.versionId())));
        s3.deleteBucket(delete -> delete.bucket(bucket));
    }
}
