package dev.productupload.domain.service;

import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers that change one product without {@code expectedVersion} never fail because others wrote: every change
 * ends as its own version, and the last version holds every file, on each local store.
 */
class BlindUpdateContentionTest {

    private static final int WRITERS = 12;
    private static final int UPDATES_EACH = 8;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in memory", "on disk"})
    void twelveWritersTimesEightBlindUpdatesAllLandWithNoConflictAndNoFileLost(String store) throws Exception {
        // given
        boolean onDisk = store.equals("on disk");
        ProductRepository products = onDisk ? new FileSystemProductRepository(root) : new InMemoryProductRepository();
        FileStorage files = onDisk ? new FileSystemFileStorage(root) : new InMemoryFileStorage();
        UploadService service = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC());
        service.upload(new UploadCommand(null, null, null, UploadServiceTest.newProduct("sku-1")));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<FileReference>>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(() -> {
                start.await();
                List<FileReference> mine = new ArrayList<>();
                for (int update = 0; update < UPDATES_EACH; update++) {
                    mine.add(service.upload(UploadServiceTest.fileFor("sku-1")).file());
                }
                return mine;
            });
        }

        // when: any exception (a 409 among them) fails the future and the test
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<FileReference> uploaded = new ArrayList<>();
        try {
            List<Future<List<FileReference>>> results = new ArrayList<>();
            for (Callable<List<FileReference>> writer : writers) {
                results.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<List<FileReference>> result : results) {
                uploaded.addAll(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        Product latest = products.findLatest("sku-1").orElseThrow();
        assertThat(latest.version()).isEqualTo(1 + WRITERS * UPDATES_EACH);
        assertThat(latest.files()).containsExactlyInAnyOrderElementsOf(uploaded);
        if (!onDisk) {
            assertThat(((InMemoryProductRepository) products).history("sku-1")).extracting(Product::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + WRITERS * UPDATES_EACH).boxed().toList());
            assertThat(((InMemoryFileStorage) files).versionCount()).isEqualTo(WRITERS * UPDATES_EACH);
        }
    }
}
