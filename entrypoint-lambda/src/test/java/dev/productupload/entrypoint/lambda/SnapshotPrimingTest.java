package dev.productupload.entrypoint.lambda;

import dev.productupload.entrypoint.http.Priming;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotPrimingTest {

    private final TestApi test = new TestApi();

    @Test
    void runsEveryRouteThroughTheWholePipelineAndStoresNothing() {
        // when
        Map<String, Integer> primed = Priming.run(test.api);

        // then
        assertThat(primed.keySet()).containsExactlyElementsOf(test.api.routes().routes().stream()
                .map(route -> route.method() + " " + route.template().text()).toList());
        assertThat(primed).containsEntry("POST /upload", 404);
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
