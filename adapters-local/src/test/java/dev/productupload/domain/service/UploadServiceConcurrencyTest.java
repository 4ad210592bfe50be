package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.IdGenerator;
import org.junit.jupiter.api.Test;

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

class UploadServiceConcurrencyTest {

    private static final int WRITERS = 16;

    @Test
    void concurrentFileUploadsToOneProductEndAsConsecutiveVersionsWithNoFileLost() throws Exception {
        // given: enough attempts that every writer wins eventually (each round has at least one winner)
        InMemoryProductRepository products = new InMemoryProductRepository();
        InMemoryFileStorage files = new InMemoryFileStorage();
        UploadService service = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC(),
                UploadServiceTest.VALIDATOR, WRITERS + 1);
        service.upload(new UploadCommand(null, null, null, UploadServiceTest.newProduct("sku-1")));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<UploadResult>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(() -> {
                start.await();
                return service.upload(UploadServiceTest.fileFor("sku-1"));
            });
        }

        // when
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<FileReference> uploaded = new ArrayList<>();
        try {
            List<Future<UploadResult>> results = new ArrayList<>();
            for (Callable<UploadResult> writer : writers) {
                results.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<UploadResult> result : results) {
                uploaded.add(result.get().file());
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        List<Product> history = products.history("sku-1");
        assertThat(history).extracting(Product::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, WRITERS + 1).boxed().toList());
        assertThat(history.get(history.size() - 1).files()).containsExactlyInAnyOrderElementsOf(uploaded);
        assertThat(files.versionCount()).isEqualTo(WRITERS);
    }
}
