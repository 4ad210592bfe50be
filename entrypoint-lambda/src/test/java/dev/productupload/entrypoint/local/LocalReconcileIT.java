package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar ...-local.jar reconcile --backend disk --data-dir DIR}, after the server stored into DIR. */
class LocalReconcileIT {

    private static final byte[] BYTES = "%PDF-1.4 orphan".getBytes(StandardCharsets.UTF_8);

    private static int reconcile(List<String> args, ByteArrayOutputStream out) {
        return LocalReconcile.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theJarErasesAnOrphanOlderThanTheMinimumAgeAndKeepsTheServersFiles(@TempDir Path data) throws Exception {
        // given: one upload through the server, and an orphan stored two hours ago
        JsonNode file;
        try (LocalServerProcess server = LocalServerProcess.start(List.of("--data-dir", data.toString()), Map.of())) {
            HttpResponse<String> response = server.post("""
                    {"fileName":"spec-sheet.pdf","fileData":"JVBERi0xLjQK",
                     "productData":{"productId":"sku-1001","productName":"Cordless Drill","price":129.90}}""");
            assertThat(response.statusCode()).isEqualTo(201);
            file = TestApi.json(response.body()).path("file");
        }
        FileSystemFileStorage storage = new FileSystemFileStorage(data);
        String orphanKey = FileReference.keyFor("sku-1001", "lost", "spec.pdf");
        String orphan = storage.store(orphanKey, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        Files.setLastModifiedTime(storage.pathOf(orphanKey, orphan), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        // when: a dry run in process, then the packaged jar for real
        ByteArrayOutputStream dryRun = new ByteArrayOutputStream();
        int dryRunStatus = reconcile(List.of("--dry-run", "--backend", "disk", "--data-dir", data.toString()), dryRun);
        String stillThere = Files.exists(storage.pathOf(orphanKey, orphan)) ? "kept" : "erased";
        Process jar = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                localJar().toString(), "reconcile", "--backend", "disk", "--data-dir", data.toString())
                .redirectErrorStream(true).start();
        String output = new String(jar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jar.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(dryRunStatus).isZero();
        assertThat(TestApi.json(dryRun.toString(StandardCharsets.UTF_8)).path("orphans").path("listed").get(0).asText())
                .isEqualTo(orphanKey + "@" + orphan);
        assertThat(stillThere).isEqualTo("kept");
        assertThat(jar.exitValue()).as(output).isZero();
        JsonNode report = TestApi.json(output);
        assertThat(report.path("dryRun").asBoolean()).isFalse();
        assertThat(report.path("orphans").path("count").asLong()).isEqualTo(1);
        assertThat(report.path("referenced").asLong()).isEqualTo(1);
        assertThat(report.path("dangling").path("count").asLong()).isZero();
        assertThat(storage.pathOf(orphanKey, orphan)).doesNotExist();
        assertThat(storage.pathOf(file.path("key").asText(), file.path("versionId").asText())).exists();
    }

    @Test
    void refusesToRunWithoutAStoreThatOutlivesIt() {
        // when: the in-memory backend would start empty
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = reconcile(List.of("--min-age", "PT0S"), out);

        // then
        assertThat(status).isEqualTo(2);
        assertThat(reconcile(List.of("--min-age", "an hour", "--backend", "disk", "--data-dir", "x"), out)).isEqualTo(2);
    }

    @Test
    void refusesAFolderThatDoesNotExistRatherThanReportItClean(@TempDir Path data) {
        // when
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = reconcile(List.of("--dry-run", "--backend", "disk", "--data-dir",
                data.resolve("mistyped").toString()), out);

        // then
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("orphans");
    }

    private static Path localJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-local.jar")).findFirst().orElseThrow();
        }
    }
}
