package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.ServerProcess;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged Lambda jar, run by the official runtime interface client with Lambda's JVM flags, as a
 * container image would run it: a wrong handler name, a missing class or a serialization fault fails here.
 */
@ExtendWith(AwsBackendsExtension.class)
class LambdaRuntimeIT {

    private static final String HANDLER = "dev.productupload.entrypoint.lambda.UploadHandler::handleRequest";
    private static final List<String> RUNTIME_CLIENT_JARS =
            List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-serialization", "utils-lite");

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

    private Process startFunction(RuntimeApiDouble runtimeApi, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable().toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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

    @Test
    void theLambdaJarServesAnApiGatewayEventThroughTheRuntimeInterfaceClient() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        String event = new String(LambdaRuntimeIT.class.getResourceAsStream("/events/post-upload.json").readAllBytes(),
                StandardCharsets.UTF_8);
        Path log = Files.createDirectories(Path.of("target", "test-servers")).resolve("lambda-runtime.log");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", event);
            Process function = startFunction(runtimeApi, servers.environment(settings.bucket(), settings.table()), log);
            try {
                // when
                String response = runtimeApi.response.get(60, TimeUnit.SECONDS);

                // then
                JsonNode proxyResponse = TestApi.json(response);
                assertThat(proxyResponse.path("statusCode").asInt()).isEqualTo(201);
                JsonNode body = TestApi.json(proxyResponse.path("body").asText());
                assertThat(body.path("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
                assertThat(body.path("product").path("productId").asText()).isEqualTo("sku-1001");
                assertThat(servers.s3Client(settings).listObjectVersions(l -> l.bucket(settings.bucket())).versions())
                        .hasSize(1);
            } finally {
                stop(function);
            }
        }
        List<String> logLines = Files.readAllLines(log);
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("\"status\":201"));
        assertThat(String.join("\n", logLines)).doesNotContain("JVBERi0", "Signature=");
    }

    @Test
    void aMissingBucketNameFailsInitWithAMessageThatNamesIt() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        environment.remove(AwsSettings.BUCKET_NAME);
        Path log = Files.createDirectories(Path.of("target", "test-servers")).resolve("lambda-runtime-init-error.log");

        try (RuntimeApiDouble runtimeApi = new RuntimeApiDouble()) {
            runtimeApi.enqueue("invocation-1", "{}");
            Process function = startFunction(runtimeApi, environment, log);
            try {
                // when
                String error = runtimeApi.error.get(60, TimeUnit.SECONDS);

                // then
                assertThat(error).contains("BUCKET_NAME");
            } finally {
                stop(function);
            }
        }
    }

}
