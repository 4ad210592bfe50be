package dev.productupload.entrypoint.local;

import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code -local.jar}, run as a newcomer runs it, keeps its data across a restart. */
class LocalServerJarIT {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://localhost:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private static Path localJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-local.jar")).findFirst().orElseThrow();
        }
    }

    private record Running(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Running start() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", localJar().toString(),
                "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Running(process, Integer.parseInt(listening.group(1)));
            }
        }
        throw new IllegalStateException("the local server exited without listening: " + "exit code " + process.waitFor());
    }

    private static HttpResponse<String> post(int port, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/upload"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keepsProductsAndFilesInTheDataFolderAcrossARestart() throws Exception {
        // given
        try (Running first = start()) {
            assertThat(post(first.port(), "{\"productData\":{\"productId\":\"sku-7\",\"productName\":\"Lamp\",\"price\":10}}")
                    .statusCode()).isEqualTo(201);
        }

        // when
        HttpResponse<String> response;
        try (Running second = start()) {
            response = post(second.port(),
                    "{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"productData\":{\"productId\":\"sku-7\"}}");
        }

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        var product = TestApi.json(response.body()).path("product");
        assertThat(product.path("version").asLong()).isEqualTo(2);
        assertThat(product.path("productName").asText()).isEqualTo("Lamp");
        var file = TestApi.json(response.body()).path("file");
        Path stored = dataDir.resolve("objects").resolve(file.path("key").asText()).resolve(file.path("versionId").asText());
        assertThat(Files.readString(stored)).isEqualTo("hello");
    }
}
