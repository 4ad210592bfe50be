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

    private static Process run(String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LocalServer.class.getName()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void refusesOptionsThatDoNotGoTogetherWithOneLineAndExitCode2() throws Exception {
        Process process = run("--bucket", "my-files");
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output.lines()).singleElement().asString().startsWith("error: ").contains("need --backend aws");
    }

    @Test
    void refusesAPortInUseAndAFolderItCannotCreateWithOneLineEach() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process portInUse = run("--port", Integer.toString(taken.getLocalPort()));
            Process notAFolder = run("--port", "0", "--data-dir", Files.createFile(dataDir.resolve("file")).toString());

            assertThat(portInUse.waitFor()).isEqualTo(2);
            assertThat(new String(portInUse.getInputStream().readAllBytes()).lines()).singleElement().asString()
                    .startsWith("error: --port");
            assertThat(notAFolder.waitFor()).isEqualTo(2);
            assertThat(new String(notAFolder.getInputStream().readAllBytes()).lines()).singleElement().asString()
                    .startsWith("error: cannot create");
        }
    }
}
