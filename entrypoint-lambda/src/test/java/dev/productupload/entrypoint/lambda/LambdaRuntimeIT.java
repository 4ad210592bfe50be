package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.ServerProcess;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged Lambda jar, run by the official runtime interface client with the managed runtime's JVM flags, in
 * each environment Lambda gives a function: on demand (key variables), SnapStart (container credentials only,
 * the checkpoint hooks and {@code /restore/next}), a failing init, and an invocation whose deadline a stalled
 * backend would overrun. A wrong handler name, a missing class, a serialization fault or a credentials source
 * that only works on demand fails here. The custom-runtime package runs as Lambda runs a {@code provided.al2023}
 * function: unzipped, its {@code bootstrap} executed with the variables Lambda sets. Every API Gateway event sample
 * in {@code src/test/resources/events} goes through both.
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
    private static final Path EVENTS = Path.of("src", "test", "resources", "events");
    /** Lambda's limit on a function's code, unzipped (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    private static final long UNZIPPED_LIMIT_BYTES = 250L * 1024 * 1024;
    private static Path customRuntimeTaskRoot;

    /** How Lambda starts the function. */
    enum Deployable {
        /** The {@code java25} managed runtime: its JVM flags, the runtime interface client, the jar. */
        MANAGED_JAR,
        /** {@code provided.al2023}: the package's own {@code bootstrap}, runtime and AOT cache. */
        CUSTOM_RUNTIME
    }

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
        return startFunction(Deployable.MANAGED_JAR, runtimeApi, environment, log);
    }

    /**
     * The function's process, with the variables Lambda defines for it
     * (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime) over the
     * function's own. A custom runtime gets no {@code AWS_EXECUTION_ENV}; its {@code bootstrap} runs from the task
     * root and finds the handler in {@code _HANDLER} and the Runtime API in {@code AWS_LAMBDA_RUNTIME_API}
     * (docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html).
     */
    private Process startFunction(Deployable deployable, RuntimeApiDouble runtimeApi, Map<String, String> environment,
                                  Path log) throws IOException {
        ProcessBuilder builder;
        if (deployable == Deployable.MANAGED_JAR) {
            List<String> command = new ArrayList<>();
            command.add(ServerProcess.javaExecutable().toString());
            command.addAll(MANAGED_RUNTIME_FLAGS);
            // Not a flag of Lambda's: the memory of the function's environment, which the JVM sizes its heap from.
            command.add("-XX:MaxRAM=" + environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024") + "m");
            command.addAll(List.of("-cp", classPath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
            builder = new ProcessBuilder(command);
        } else {
            Path taskRoot = customRuntimeTaskRoot();
            builder = new ProcessBuilder(taskRoot.resolve("bootstrap").toString()).directory(taskRoot.toFile());
        }
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> variables = builder.environment();
        variables.clear();
        variables.putAll(environment);
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        variables.put("_HANDLER", HANDLER);
        variables.put("AWS_LAMBDA_FUNCTION_NAME", "product-upload");
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        variables.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/product-upload");
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[1]0123456789abcdef0123456789abcdef");
        variables.putIfAbsent("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_DEFAULT_REGION", environment.getOrDefault(AwsSettings.REGION, "us-east-1"));
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        if (deployable == Deployable.MANAGED_JAR) {
            variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
            variables.put("PATH", System.getenv("PATH"));
        } else {
            String taskRoot = customRuntimeTaskRoot().toString();
            variables.put("LAMBDA_TASK_ROOT", taskRoot);
            variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
            variables.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
            variables.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:" + taskRoot + ":"
                    + taskRoot + "/lib:/opt/lib");
            // Not Lambda's: the JVM refuses to start unless the package's AOT cache fits its runtime and class path.
            variables.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");
        }
        return builder.start();
    }

    /** The custom-runtime package the build wrote for this machine's architecture, if it found a JDK 25 to build it. */
    private static Optional<Path> customRuntimeZip() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches(".*-custom-runtime-(x86_64|arm64)\\.zip"))
                    .findFirst();
        }
    }

    /**
     * Runs only where the package was built: the build builds it wherever it finds a JDK 25, and CI sets
     * {@code REQUIRE_CUSTOM_RUNTIME=true}, under which a missing package fails instead.
     */
    private static void assumeCustomRuntimeBuilt() throws IOException {
        boolean built = customRuntimeZip().isPresent();
        if ("true".equals(System.getenv("REQUIRE_CUSTOM_RUNTIME"))) {
            assertThat(built).as("custom-runtime package under target/").isTrue();
        }
        assumeTrue(built, "no custom-runtime package: the build found no JDK 25");
    }

    /** The package unzipped once, as Lambda unpacks a function's code: the files, their modes, into one folder. */
    private static synchronized Path customRuntimeTaskRoot() throws IOException {
        if (customRuntimeTaskRoot == null) {
            Path zip = customRuntimeZip().orElseThrow();
            Path taskRoot = Path.of("target", "test-servers", "custom-runtime-task").toAbsolutePath();
            deleteRecursively(taskRoot);
            Files.createDirectories(taskRoot);
            try {
                Process unzip = new ProcessBuilder("unzip", "-q", zip.toAbsolutePath().toString(), "-d", taskRoot.toString())
                        .inheritIO().start();
                assertThat(unzip.waitFor(120, TimeUnit.SECONDS) && unzip.exitValue() == 0).as("unzip " + zip).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            customRuntimeTaskRoot = taskRoot;
        }
        return customRuntimeTaskRoot;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The event samples, the upload first so that the reads find its product. */
    private static List<Path> eventSamples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("post-upload.json"))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
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

    @ParameterizedTest
    @EnumSource(Deployable.class)
    void everyEventSampleIsAnsweredByARouteOfTheApiWithoutAServerError(Deployable deployable) throws Exception {
        // given
        if (deployable == Deployable.CUSTOM_RUNTIME) {
            assumeCustomRuntimeBuilt();
        }
        AwsSettings settings = servers.freshResources();
        List<Path> samples = eventSamples();
        Path log = logFile("samples-" + deployable.name().toLowerCase(java.util.Locale.ROOT));
        Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            for (Path sample : samples) {
                runtimeApi.enqueue("invocation-" + sample.getFileName(), Files.readString(sample));
            }
            Process function = startFunction(deployable, runtimeApi,
                    servers.environment(settings.bucket(), settings.table()), log);
            try {
                // when
                for (Path sample : samples) {
                    answers.put(sample.getFileName().toString(), TestApi.json(runtimeApi.nextResponse(Duration.ofSeconds(60))));
                }
            } finally {
                stop(function);
            }
        }

        // then: each answer is a proxy response from the route the sample names, for the request API Gateway sent
        assertThat(answers).hasSize(samples.size()).containsKey("post-upload.json");
        for (Path sample : samples) {
            String name = sample.getFileName().toString();
            JsonNode answer = answers.get(name);
            String requestId = ApiJson.mapper().readTree(sample.toFile()).path("requestContext").path("requestId").asText();
            assertThat(answer.path("statusCode").asInt()).as(name + ": " + answer).isBetween(200, 499);
            assertThat(answer.path("headers").isObject()).as(name).isTrue();
            assertThat(answer.path("isBase64Encoded").asBoolean(true)).as(name).isFalse();
            String body = answer.path("body").asText();
            if (answer.path("statusCode").asInt() >= 400) {
                JsonNode problem = TestApi.json(body);
                assertThat(problem.path("type").asText()).as(name + ": the route exists and takes the method")
                        .isNotIn("urn:product-upload:problem:not-found", "urn:product-upload:problem:method-not-allowed");
                assertThat(problem.path("requestId").asText()).as(name).isEqualTo(requestId);
            }
        }
        assertThat(answers.get("post-upload.json").path("statusCode").asInt()).isEqualTo(201);
        assertThat(Files.readString(log)).doesNotContain("JVBERi0", "Signature=0123456789abcdef");
    }

    @Test
    void theCustomRuntimePackageStoresAnUploadWithItsAotCacheAsLambdaRunsBootstrap() throws Exception {
        // given
        assumeCustomRuntimeBuilt();
        AwsSettings settings = servers.freshResources();
        Path log = logFile("custom-runtime");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(Deployable.CUSTOM_RUNTIME, runtimeApi,
                    servers.environment(settings.bucket(), settings.table()), log);
            try {
                // when
                JsonNode proxyResponse = TestApi.json(runtimeApi.nextResponse(Duration.ofSeconds(60)));

                // then: the JVM ran with AOTMode=on, so it started only because the cache fits it
                assertThat(proxyResponse.path("statusCode").asInt()).as(Files.readString(log)).isEqualTo(201);
                assertThat(bodyOf(proxyResponse).path("product").path("productId").asText()).isEqualTo("sku-1001");
                assertOneObjectAndOneItemStored(settings);
                assertThat(runtimeApi.calls).startsWith("invocation/next", "invocation/invocation-1/response");
            } finally {
                stop(function);
            }
        }
        assertThat(Files.readString(log)).contains("\"status\":201").doesNotContain("Unable to use AOT cache");
    }

    @Test
    void theCustomRuntimePackageServesAnUploadInTheSmallestFunctionLambdaAllows() throws Exception {
        // given: 128 MB, Lambda's least memory (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), from
        // which bootstrap sizes the heap
        assumeCustomRuntimeBuilt();
        AwsSettings settings = servers.freshResources();
        Path log = logFile("custom-runtime-128mb");
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", event("post-upload.json"));
            Process function = startFunction(Deployable.CUSTOM_RUNTIME, runtimeApi, environment, log);
            try {
                // when
                JsonNode proxyResponse = TestApi.json(runtimeApi.nextResponse(Duration.ofSeconds(60)));

                // then: the JVM sized itself for 128 MB and stayed within it
                assertThat(proxyResponse.path("statusCode").asInt()).as(Files.readString(log)).isEqualTo(201);
                assertOneObjectAndOneItemStored(settings);
                assertThat(commandLine(function)).contains("-XX:MaxRAM=128m", "-Xmn8m");
                long peakKiB = Files.readAllLines(Path.of("/proc", String.valueOf(function.pid()), "status")).stream()
                        .filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                        .findFirst().orElseThrow();
                assertThat(peakKiB).as("peak resident set, KiB").isLessThan(128 * 1024);
            } finally {
                stop(function);
            }
        }
    }

    /** The JVM's arguments: bootstrap execs it, so it is the process started. */
    private static List<String> commandLine(Process function) throws IOException {
        return List.of(Files.readString(Path.of("/proc", String.valueOf(function.pid()), "cmdline")).split("\0"));
    }

    /** The arguments bootstrap starts the JVM with in an environment of these variables. */
    private List<String> bootstrapArguments(Map<String, String> variables) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(AwsSettings.REGION, "us-east-1",
                AwsSettings.BUCKET_NAME, "bucket", AwsSettings.TABLE_NAME, "table"));
        environment.putAll(variables);
        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            Process function = startFunction(Deployable.CUSTOM_RUNTIME, runtimeApi, environment, logFile("bootstrap"));
            try {
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    // read during the exec, /proc's command line can begin with the shell's and end with the JVM's
                    List<String> arguments = commandLine(function);
                    if (arguments.get(0).endsWith("/java")
                            && arguments.contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
                            && arguments.equals(commandLine(function))) {
                        return arguments;
                    }
                    assertThat(System.nanoTime()).as("bootstrap exec'ed the JVM: " + arguments).isLessThan(giveUp);
                    Thread.onSpinWait();
                }
            } finally {
                stop(function);
            }
        }
    }

    @Test
    void bootstrapSizesTheJvmForTheFunctionsMemoryAndTrustsOnlyAwsRootsWhereAwsDocumentsThem() throws Exception {
        assumeCustomRuntimeBuilt();
        String awsRoots = "-Djavax.net.ssl.trustStore=" + customRuntimeTaskRoot().resolve("lib/aws-default-endpoint-roots.jks");

        assertThat(bootstrapArguments(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "10240")))
                .contains("-XX:MaxRAM=10240m", "-Xmn640m", awsRoots);
        assertThat(bootstrapArguments(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024", AwsSettings.REGION, "eu-west-3")))
                .contains("-XX:MaxRAM=1024m", "-Xmn64m", awsRoots);
        for (Map<String, String> jdkRoots : List.of(Map.of(AwsSettings.REGION, "cn-north-1"),
                Map.of(AwsSettings.REGION, "us-gov-west-1"), Map.of("AWS_USE_FIPS_ENDPOINT", "true"),
                Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true"), Map.of("TRUST_STORE", "jdk"))) {
            assertThat(bootstrapArguments(jdkRoots)).as(jdkRoots.toString())
                    .noneMatch(argument -> argument.startsWith("-Djavax.net.ssl.trustStore"));
        }
    }

    @Test
    void theCustomRuntimePackagesStoreForAwsDefaultEndpointsHoldsOnlyAmazonTrustServicesRoots() throws Exception {
        // given: the trust store bootstrap gives the JVM for S3's and DynamoDB's default endpoints
        assumeCustomRuntimeBuilt();
        KeyStore trustStore = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(customRuntimeTaskRoot().resolve("lib/aws-default-endpoint-roots.jks"))) {
            trustStore.load(in, null);
        }
        KeyStore jdkRoots = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(customRuntimeTaskRoot().resolve("runtime/lib/security/cacerts"))) {
            jdkRoots.load(in, null);
        }

        // when
        List<String> subjects = new ArrayList<>();
        for (String alias : Collections.list(trustStore.aliases())) {
            subjects.add(((X509Certificate) trustStore.getCertificate(alias)).getSubjectX500Principal().getName("RFC1779"));
        }

        // then: Amazon Trust Services' roots and the Starfield root that cross-signs them
        // (aws.amazon.com/blogs/security/how-to-prepare-for-aws-move-to-its-own-certificate-authority/)
        assertThat(subjects).containsExactlyInAnyOrder(
                "CN=Amazon Root CA 1, O=Amazon, C=US", "CN=Amazon Root CA 2, O=Amazon, C=US",
                "CN=Amazon Root CA 3, O=Amazon, C=US", "CN=Amazon Root CA 4, O=Amazon, C=US",
                "CN=Starfield Services Root Certificate Authority - G2, O=\"Starfield Technologies, Inc.\", "
                        + "L=Scottsdale, ST=Arizona, C=US");
        assertThat(jdkRoots.size()).as("the JDK's roots, kept for the other endpoints").isGreaterThan(100);
    }

    @Test
    void theCustomRuntimePackageHasAnExecutableBootstrapAtItsRootAndFitsLambdasUnzippedLimit() throws Exception {
        assumeCustomRuntimeBuilt();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(customRuntimeZip().orElseThrow().toFile())) {
            var bootstrap = zip.getEntry("bootstrap");
            assertThat(bootstrap).as("bootstrap at the zip's root").isNotNull();
            long unzipped = zip.stream().mapToLong(java.util.zip.ZipEntry::getSize).sum();
            assertThat(unzipped).isLessThan(UNZIPPED_LIMIT_BYTES);
            assertThat(zip.getEntry("app.aot")).isNotNull();
            assertThat(zip.getEntry("runtime/bin/java")).isNotNull();
        }
        Path bootstrap = customRuntimeTaskRoot().resolve("bootstrap");
        assertThat(Files.isExecutable(bootstrap)).as("unzipped with its mode, bootstrap can be executed").isTrue();
        assertThat(Files.isExecutable(customRuntimeTaskRoot().resolve("runtime/bin/java"))).isTrue();
    }

    @Test
    void theLargestFileTheApiTakesFitsLambdasInvocationLimitAndOneByteMoreIsRefusedByTheApi() throws Exception {
        // given: the event of an upload at the file limit, and one a byte over it
        Deployable deployable = customRuntimeZip().isPresent() ? Deployable.CUSTOM_RUNTIME : Deployable.MANAGED_JAR;
        AwsSettings settings = servers.freshResources();
        String largest = uploadEventWithFileOf(ApiSettings.DEFAULT_MAX_FILE_BYTES);
        String over = uploadEventWithFileOf(ApiSettings.DEFAULT_MAX_FILE_BYTES + 1);
        assertThat(largest.getBytes(StandardCharsets.UTF_8).length).isLessThan(RuntimeApiDouble.MAX_EVENT_BYTES);
        Path log = logFile("largest-" + deployable.name().toLowerCase(java.util.Locale.ROOT));

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-largest", largest);
            runtimeApi.enqueue("invocation-over", over);
            Process function = startFunction(deployable, runtimeApi,
                    servers.environment(settings.bucket(), settings.table()), log);
            try {
                // when
                String stored = runtimeApi.nextResponse(Duration.ofSeconds(60));
                String refused = runtimeApi.nextResponse(Duration.ofSeconds(60));

                // then
                assertThat(TestApi.json(stored).path("statusCode").asInt()).isEqualTo(201);
                assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThan(RuntimeApiDouble.MAX_RESPONSE_BYTES);
                assertThat(TestApi.json(refused).path("statusCode").asInt()).isEqualTo(413);
            } finally {
                stop(function);
            }
        }
    }

    private static String uploadEventWithFileOf(int bytes) throws IOException {
        byte[] file = new byte[bytes];
        new java.util.Random(bytes).nextBytes(file);
        ObjectNode body = ApiJson.mapper().createObjectNode();
        body.put("fileName", "largest.bin");
        body.put("contentType", "application/octet-stream");
        body.put("fileData", java.util.Base64.getEncoder().encodeToString(file));
        ObjectNode product = body.putObject("productData");
        product.put("productName", "Largest file");
        product.put("price", new java.math.BigDecimal("1.00"));
        product.put("currency", "EUR");
        return uploadEventWithBody(ApiJson.mapper().writeValueAsString(body));
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
