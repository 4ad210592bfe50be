package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.ServerProcess;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged Lambda jar, run by the official runtime interface client with the managed runtime's JVM flags, in
 * each environment Lambda gives a function: on demand (key variables), SnapStart (container credentials only,
 * the checkpoint hooks and {@code /restore/next}), a failing init, and an invocation whose deadline a stalled
 * backend would overrun. A wrong handler name, a missing class, a serialization fault or a credentials source
 * that only works on demand fails here.
 */
@ExtendWith(AwsBackendsExtension.class)
class LambdaRuntimeIT {

    private static final String HANDLER = "dev.productupload.entrypoint.lambda.UploadHandler::handleRequest";
    private static final List<String> RUNTIME_CLIENT_JARS =
            List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-serialization", "utils-lite");
    /**
     * The flags the managed Java runtime starts the JVM with, as its bootstrap passes them (recorded from a
     * java17 execution environment by sigpwned/lambda-internals); {@code org.crac.Core.Compat} is what routes
     * the function's org.crac hooks to the runtime client, which runs them around {@code /restore/next}.
     */
    private static final List<String> MANAGED_RUNTIME_FLAGS = List.of("-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-Djava.net.preferIPv4Stack=true",
            "-XX:+ErrorFileToStderr");
    private static final List<String> KEY_VARIABLES =
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final AwsBackends servers;

    LambdaRuntimeIT(AwsBackends servers) {
        this.servers = servers;
    }

    private static Path lambdaJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
        }
    }

    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(lambdaJar().toString());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> RUNTIME_CLIENT_JARS.stream().anyMatch(name -> Path.of(entry).getFileName().toString().startsWith(name)))
                .forEach(entries::add);
        assertThat(entries).hasSize(1 + RUNTIME_CLIENT_JARS.size());
        return String.join(File.pathSeparator, entries);
    }

    private static Path logFile(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "test-servers"))
                .resolve("lambda-" + name + "-" + RUNS.incrementAndGet() + ".log");
    }

    private Process startFunction(RuntimeApiDouble runtimeApi, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ServerProcess.javaExecutable().toString());
        command.addAll(MANAGED_RUNTIME_FLAGS);
        command.addAll(List.of("-cp", classPath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "product-upload");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        builder.environment().put("PATH", System.getenv("PATH"));
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The environment of a SnapStart function: no key variables, the container credentials endpoint instead. */
    private Map<String, String> snapStartEnvironment(AwsSettings settings, ContainerCredentialsDouble credentials) {
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        KEY_VARIABLES.forEach(environment::remove);
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.fullUri());
        environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token());
        return environment;
    }

    private static String event(String name) throws IOException {
        return new String(LambdaRuntimeIT.class.getResourceAsStream("/events/" + name).readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private static String uploadEventWithBody(String body) throws IOException {
        ObjectNode event = (ObjectNode) ApiJson.mapper().readTree(event("post-upload.json"));
        event.put("body", body);
        return ApiJson.mapper().writeValueAsString(event);
    }

    private static JsonNode bodyOf(JsonNode proxyResponse) {
        return TestApi.json(proxyResponse.path("body").asText());
    }

    private void assertOneObjectAndOneItemStored(AwsSettings settings) {
        assertThat(servers.s3Client(settings).listObjectVersions(l -> l.bucket(settings.bucket())).versions())
                .hasSize(1);
        // One version, the head item beside it not counted (docs/adr/0013-listing-products.md).
        assertThat(servers.dynamoDbClient(settings).scan(scan -> scan.tableName(settings.table())
                .filterExpression("#v > :head")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":head", AttributeValue.fromN("0")))).items()).hasSize(1);
    }

    @Test
    void onDemandTheLambdaJarServesAnApiGatewayEventWithTheKeyVariablesAsCredentials() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Path log = logFile("on-demand");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(runtimeApi, servers.environment(settings.bucket(), settings.table()), log);
            try {
                // when
                JsonNode proxyResponse = TestApi.json(runtimeApi.response.get(60, TimeUnit.SECONDS));

                // then
                assertThat(proxyResponse.path("statusCode").asInt()).isEqualTo(201);
                JsonNode body = bodyOf(proxyResponse);
                assertThat(body.path("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
                assertThat(body.path("product").path("productId").asText()).isEqualTo("sku-1001");
                assertOneObjectAndOneItemStored(settings);
                assertThat(runtimeApi.calls).doesNotContain("restore/next");
            } finally {
                stop(function);
            }
        }
        List<String> logLines = Files.readAllLines(log);
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("\"status\":201"));
        assertThat(String.join("\n", logLines)).doesNotContain("JVBERi0", "Signature=", "primed before the snapshot");
    }

    @Test
    void underSnapStartTheHooksRunAroundRestoreAndUploadsUseOnlyTheContainerCredentials() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Path log = logFile("snap-start");
        try (ContainerCredentialsDouble credentials = new ContainerCredentialsDouble(AwsBackends.ACCESS_KEY,
                AwsBackends.SECRET_KEY); RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            AtomicInteger credentialsServedBeforeRestore = new AtomicInteger(-1);
            runtimeApi.onRestoreNext(() -> credentialsServedBeforeRestore.set(credentials.served.get()));
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(runtimeApi, snapStartEnvironment(settings, credentials), log);
            try {
                // when
                CompletableFuture.anyOf(runtimeApi.response, runtimeApi.initError).get(60, TimeUnit.SECONDS);

                // then: priming (a real DynamoDB read) fetched credentials before the snapshot, then the restore
                assertThat(runtimeApi.initError).as("init, with its checkpoint hook, fails").isNotDone();
                JsonNode proxyResponse = TestApi.json(runtimeApi.response.get());
                assertThat(proxyResponse.path("statusCode").asInt()).isEqualTo(201);
                assertOneObjectAndOneItemStored(settings);
                assertThat(credentialsServedBeforeRestore.get()).isPositive();
                assertThat(credentials.refused.get()).isZero();
                assertThat(runtimeApi.calls).containsSubsequence("restore/next", "invocation/next",
                        "invocation/invocation-1/response");
                assertThat(runtimeApi.calls.get(0)).isEqualTo("restore/next");
            } finally {
                stop(function);
            }
        }
        String output = Files.readString(log);
        assertThat(output).containsSubsequence("primed before the snapshot", "restored from the snapshot",
                "\"status\":201");
    }

    @Test
    void underSnapStartAWrongCredentialsTokenFailsThePrimingHookSoTheVersionIsNeverPublished() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Path log = logFile("snap-start-bad-token");
        try (ContainerCredentialsDouble credentials = new ContainerCredentialsDouble(AwsBackends.ACCESS_KEY,
                AwsBackends.SECRET_KEY); RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            Map<String, String> environment = snapStartEnvironment(settings, credentials);
            environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "not-the-token");
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(runtimeApi, environment, log);
            try {
                // when
                String error = runtimeApi.initError.get(60, TimeUnit.SECONDS);

                // then: the runtime reports the hook's failure; the function's log says what it was
                assertThat(error).contains("CheckpointException");
                assertThat(credentials.refused.get()).isPositive();
                assertThat(runtimeApi.calls).doesNotContain("restore/next", "invocation/next");
                assertThat(function.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                stop(function);
            }
        }
        assertThat(Files.readString(log)).contains("CheckpointException", "urn:product-upload:problem:internal-error");
    }

    @Test
    void withNoCredentialsAtAllAnUploadIsADeploymentFault500NotARetryLater503() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        KEY_VARIABLES.forEach(environment::remove);
        Path log = logFile("no-credentials");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(runtimeApi, environment, log);
            try {
                // when
                JsonNode proxyResponse = TestApi.json(runtimeApi.response.get(60, TimeUnit.SECONDS));

                // then
                assertThat(proxyResponse.path("statusCode").asInt()).isEqualTo(500);
                assertThat(bodyOf(proxyResponse).path("type").asText()).isEqualTo("urn:product-upload:problem:internal-error");
            } finally {
                stop(function);
            }
        }
        assertThat(Files.readString(log)).contains("DeploymentFaultException", "CredentialsFault");
    }

    @Test
    void aMissingBucketNameFailsInitWithAMessageThatNamesIt() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        environment.remove(AwsSettings.BUCKET_NAME);
        Path log = logFile("init-error");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", "{}");
            Process function = startFunction(runtimeApi, environment, log);
            try {
                // when
                String error = runtimeApi.initError.get(60, TimeUnit.SECONDS);

                // then
                assertThat(error).contains("BUCKET_NAME");
                assertThat(runtimeApi.calls).doesNotContain("invocation/next");
            } finally {
                stop(function);
            }
        }
    }

    @Test
    void aStalledDatabaseEndsInA503ProblemBeforeTheDeadlineWithTheFileTakenBack() throws Exception {
        // given: a new product (no read before the file goes to S3), an invocation with 8 s left
        AwsSettings settings = servers.freshResources();
        Duration deadline = Duration.ofSeconds(8);
        Path log = logFile("stalled");
        String body = "{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"productData\":"
                + "{\"productName\":\"Drill\",\"price\":10.00,\"currency\":\"EUR\"}}";

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            Process function = startFunction(runtimeApi, servers.environment(settings.bucket(), settings.table()), log);
            try {
                servers.setDynamoDbStalled(true);
                runtimeApi.enqueue("invocation-1", uploadEventWithBody(body), deadline);

                // when
                JsonNode proxyResponse = TestApi.json(runtimeApi.response.get(60, TimeUnit.SECONDS));
                Duration took = Duration.ofNanos(runtimeApi.respondedNanos - runtimeApi.handedOutNanos);

                // then
                assertThat(took).isLessThan(deadline);
                assertThat(proxyResponse.path("statusCode").asInt()).isEqualTo(503);
                assertThat(proxyResponse.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
                assertThat(bodyOf(proxyResponse).path("type").asText())
                        .isEqualTo("urn:product-upload:problem:outcome-unknown");
                var listing = servers.s3Client(settings).listObjectVersions(l -> l.bucket(settings.bucket()));
                assertThat(listing.versions()).extracting(ObjectVersion::isLatest).containsOnly(false);
                assertThat(listing.deleteMarkers()).hasSize(1);
            } finally {
                // the held PutItem is dropped, never delivered
                servers.setDynamoDbReachable(false);
                servers.setDynamoDbStalled(false);
                servers.setDynamoDbReachable(true);
                stop(function);
            }
        }
        assertThat(servers.dynamoDbClient(settings).scan(scan -> scan.tableName(settings.table())).items()).isEmpty();
    }
}
