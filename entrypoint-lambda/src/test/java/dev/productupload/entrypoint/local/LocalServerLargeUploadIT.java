package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.http.ApiJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 MiB staged upload to the packaged local server on disk, run once: the server's heap is capped at 64 MiB, so
 * the PUT and the download can only succeed by streaming, and its peak resident memory is measured before and after
 * the PUT.
 */
class LocalServerLargeUploadIT {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final int BLOCK = 64 * 1024;
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dataDir;

    /** The same 200 MiB every time, made block by block, never held whole. */
    private static InputStream content() {
        return new InputStream() {
            private final Random random = new Random(17);
            private final byte[] block = new byte[BLOCK];
            private long sent;
            private int position = BLOCK;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (sent == SIZE) {
                    return -1;
                }
                if (position == BLOCK) {
                    random.nextBytes(block);
                    position = 0;
                }
                int n = (int) Math.min(Math.min(length, BLOCK - position), SIZE - sent);
                System.arraycopy(block, position, target, offset, n);
                position += n;
                sent += n;
                return n;
            }
        };
    }

    private static Checksum crc32cOf(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BLOCK];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            crc.update(buffer, 0, n);
        }
        return new Checksum(Checksum.CRC32C, Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
    }

    /** Peak resident set size of a process so far (Linux VmHWM), in bytes. */
    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
    }

    @Test
    void takesA200MiBFileWithA64MiBHeapStoresItByteForByteAndServesItBack() throws Exception {
        // given
        Checksum checksum = crc32cOf(content());
        try (LocalServerProcess server = LocalServerProcess.start(List.of("-Xmx64m"),
                List.of("--data-dir", dataDir.toString()), Map.of())) {
            URI base = URI.create("http://localhost:" + server.port());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/products/sku-1/uploads"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LocalServerStagedUploadIT.announce(SIZE, checksum))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode ticket = ApiJson.mapper().readTree(created.body());
            long before = peakRss(server.pid());

            // when
            HttpResponse<String> stored = LocalServerStagedUploadIT.put(ticket, LocalServerStagedUploadIT.headersOf(ticket),
                    HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            LocalServerLargeUploadIT::content), SIZE));
            long after = peakRss(server.pid());
            HttpResponse<String> completed = http.send(HttpRequest.newBuilder(base.resolve(
                            "/products/sku-1/uploads/" + ticket.path("uploadId").asText() + "/complete"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"productData\":{\"productName\":\"Drill\",\"price\":129.90}}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            System.out.printf("200 MiB staged PUT, server -Xmx64m: peak RSS %d MiB before, %d MiB after%n",
                    before / MIB, after / MIB);
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
            assertThat(after - before).as("growth of the peak RSS").isLessThan(SIZE / 4);
            try (Stream<Path> files = Files.walk(dataDir.resolve("objects"))) {
                Path object = files.filter(Files::isRegularFile).findFirst().orElseThrow();
                assertThat(Files.size(object)).isEqualTo(SIZE);
                try (InputStream in = Files.newInputStream(object)) {
                    assertThat(crc32cOf(in)).isEqualTo(checksum);
                }
            }

            // and the same 200 MiB download through the file route, streamed by the 64 MiB heap
            String fileId = ApiJson.mapper().readTree(completed.body()).path("file").path("fileId").asText();
            HttpResponse<InputStream> download = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .build().send(HttpRequest.newBuilder(base.resolve("/products/sku-1/files/" + fileId)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            try (InputStream in = download.body()) {
                assertThat(crc32cOf(in)).isEqualTo(checksum);
            }
        }
    }
}
