package dev.productupload.entrypoint.local;

import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code -local.jar}, run as a newcomer runs it, keeps its data across a restart. */
class LocalServerJarIT {

    @TempDir
    Path dataDir;

    private LocalServerProcess start() throws Exception {
        return LocalServerProcess.start(List.of("--data-dir", dataDir.toString()), Map.of());
    }

    @Test
    void keepsProductsAndFilesInTheDataFolderAcrossARestart() throws Exception {
        // given
        try (LocalServerProcess first = start()) {
            assertThat(first.post("{\"productData\":{\"productId\":\"sku-7\",\"productName\":\"Lamp\",\"price\":10}}")
                    .statusCode()).isEqualTo(201);
        }

        // when
        HttpResponse<String> response;
        try (LocalServerProcess second = start()) {
            response = second.post("{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"productData\":{\"productId\":\"sku-7\"}}");
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

    @Test
    void refusesOptionsThatDoNotGoTogether() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LocalServer.class.getName(), "--bucket", "b")
                .redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("need --backend aws").contains("usage:");
    }
}
