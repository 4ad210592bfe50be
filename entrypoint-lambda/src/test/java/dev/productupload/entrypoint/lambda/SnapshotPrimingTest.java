package dev.productupload.entrypoint.lambda;

import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotPrimingTest {

    private final TestApi test = new TestApi();

    @Test
    void runsASampleThroughTheWholePipelineAndStoresNothing() {
        // when
        HttpResponse primed = test.api.prime();

        // then
        assertThat(primed.status()).isEqualTo(201);
        assertThat(TestApi.json(primed).path("product").path("productName").asText()).isEqualTo("Priming");
        assertThat(TestApi.json(primed).path("file").path("checksum").path("algorithm").asText()).isEqualTo("CRC32C");
        assertThat(test.products.versionCount()).isZero();
        assertThat(test.files.versionCount()).isZero();
        assertThat(test.logLines()).isEmpty();
    }

    @Test
    void theSnapStartHookPrimesThePipelineAndTheClientsWithoutWriting() {
        // given
        AtomicInteger clientPrimings = new AtomicInteger();
        UploadHandler handler = new UploadHandler(test.api, clientPrimings::incrementAndGet);

        // when
        handler.beforeCheckpoint(null);

        // then
        assertThat(clientPrimings).hasValue(1);
        assertThat(test.products.versionCount()).isZero();
        assertThat(test.files.versionCount()).isZero();
        assertThat(test.logLines()).isEmpty();
    }
}
