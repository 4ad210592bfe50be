package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.productupload.domain.service.UploadServiceTest.BYTES;
import static dev.productupload.domain.service.UploadServiceTest.NOW;
import static dev.productupload.domain.service.UploadServiceTest.fileFor;
import static dev.productupload.domain.service.UploadServiceTest.newProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A blind change with a file reads the latest version beside the file upload (ADR 12): both are in flight at
 * once, and whichever leg fails, or the deadline, the request leaves no file and no product version behind.
 */
class ReadBesideFileUploadTest {

    /** How long a leg waits for the other before the test concludes they did not overlap; never reached when they do. */
    private static final long OVERLAP_WAIT_SECONDS = 10;

    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryFileStorage files = new InMemoryFileStorage();
    private final AtomicInteger nextId = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    @AfterEach
    void releaseStalledReads() {
        released.countDown();
    }

    private UploadService serviceOver(ProductRepository repository, FileStorage storage) {
        return new UploadService(repository, storage, () -> "id-" + nextId.incrementAndGet(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void givenProduct(String productId) {
        serviceOver(products, files).upload(new UploadCommand(null, null, null, newProduct(productId)));
    }

    @Test
    void readsTheLatestVersionWhileTheFileIsBeingStored() {
        // given: each leg waits until the other has started, so only overlapping legs get past their wait
        givenProduct("sku-1");
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch storeStarted = new CountDownLatch(1);
        AtomicReference<Boolean> overlapped = new AtomicReference<>(true);
        ProductRepository reading = readingWith(id -> {
            readStarted.countDown();
            awaitOrRecord(storeStarted, overlapped);
            return products.findLatest(id);
        });
        FileStorage storing = storingWith(() -> {
            storeStarted.countDown();
            awaitOrRecord(readStarted, overlapped);
        }, null);

        // when
        UploadResult result = serviceOver(reading, storing).upload(fileFor("sku-1"));

        // then
        assertThat(overlapped.get()).as("the read and the upload were in flight at the same time").isTrue();
        assertThat(result.product().version()).isEqualTo(2);
        assertThat(result.product().files()).containsExactly(result.file());
        assertThat(files.read(result.file().key(), result.file().versionId())).contains(BYTES);
    }

    @Test
    void theReadRunsUnderTheRequestsDeadlineLessTheCompensationReserve() {
        // given
        givenProduct("sku-1");
        Deadline request = Deadline.after(Duration.ofSeconds(30));
        AtomicReference<Duration> seenByRead = new AtomicReference<>();
        ProductRepository reading = readingWith(id -> {
            seenByRead.set(Deadline.currentOr(Duration.ofDays(1)).remaining());
            return products.findLatest(id);
        });

        // when
        request.bind(() -> serviceOver(reading, files).upload(fileFor("sku-1")));

        // then
        assertThat(seenByRead.get()).isLessThanOrEqualTo(Duration.ofSeconds(30).minus(UploadService.COMPENSATION_RESERVE));
    }

    @Test
    void takesTheFileBackWhenTheReadFails() {
        // given
        givenProduct("sku-1");
        ProductRepository down = readingWith(id -> {
            throw new BackendUnavailableException("test repository", new RuntimeException("down"));
        });

        // when / then
        assertThatThrownBy(() -> serviceOver(down, files).upload(fileFor("sku-1")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("test repository");
        assertNothingLeftBesideVersionOne();
    }

    @Test
    void reportsTheUploadsFailureWhenOnlyTheUploadFails() {
        // given
        givenProduct("sku-1");
        FileStorage down = storingWith(() -> { }, new BackendUnavailableException("test storage", new RuntimeException("down")));

        // when / then
        assertThatThrownBy(() -> serviceOver(products, down).upload(fileFor("sku-1")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("test storage");
        assertNothingLeftBesideVersionOne();
    }

    @Test
    void reportsTheReadsFailureWithTheUploadsAttachedWhenBothFail() {
        // given
        givenProduct("sku-1");
        ProductRepository readDown = readingWith(id -> {
            throw new BackendUnavailableException("test repository", new RuntimeException("down"));
        });
        FileStorage storeDown = storingWith(() -> { },
                new BackendUnavailableException("test storage", new RuntimeException("down")));

        // when / then
        assertThatThrownBy(() -> serviceOver(readDown, storeDown).upload(fileFor("sku-1")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("test repository")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("test storage")));
        assertNothingLeftBesideVersionOne();
    }

    @Test
    void endsAtItsDeadlineWhenTheReadHangsAndTakesTheFileBack() {
        // given: a read that never answers by itself, and a request with 300 ms left for its calls
        givenProduct("sku-1");
        ProductRepository hanging = readingWith(id -> {
            awaitOrRecord(released, new AtomicReference<>());
            return products.findLatest(id);
        });
        Deadline request = Deadline.after(UploadService.COMPENSATION_RESERVE.plusMillis(300));

        // when / then
        assertThatThrownBy(() -> request.bind(() -> serviceOver(hanging, files).upload(fileFor("sku-1"))))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(request.hasPassed()).as("answered within the deadline, with the reserve left").isFalse();
        assertNothingLeftBesideVersionOne();
    }

    @Test
    void takesTheFileBackWhenTheReadFindsNoSuchProduct() {
        // when / then
        assertThatThrownBy(() -> serviceOver(products, files).upload(fileFor("nope")))
                .isInstanceOf(ProductNotFoundException.class);
        assertThat(files.versionCount()).isZero();
        assertThat(products.versionCount()).isZero();
    }

    @Test
    void takesTheFileBackWhenTheReadFindsTheFileLimitReached() {
        // given
        givenProduct("sku-1");
        UploadService service = serviceOver(products, files);
        for (int i = 0; i < ProductRules.FILES_MAX; i++) {
            service.upload(fileFor("sku-1"));
        }

        // when / then
        assertThatThrownBy(() -> service.upload(fileFor("sku-1"))).isInstanceOf(FileLimitExceededException.class);
        assertThat(files.versionCount()).isEqualTo(ProductRules.FILES_MAX);
    }

    @Test
    void aChangeThatNamesItsExpectedVersionIsCheckedBeforeAnyFileIsStored() {
        // given: a storage that records every store it is asked for
        givenProduct("sku-1");
        AtomicInteger stores = new AtomicInteger();
        FileStorage counting = storingWith(stores::incrementAndGet, null);
        ProductData expectingTwo = new ProductData("sku-1", null, null, null, null, null, 2L);

        // when / then
        assertThatThrownBy(() -> serviceOver(products, counting).upload(new UploadCommand("a.txt", BYTES, null, expectingTwo)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(stores).hasValue(0);
    }

    private void assertNothingLeftBesideVersionOne() {
        assertThat(files.versionCount()).as("file versions left").isZero();
        assertThat(products.history("sku-1")).extracting(Product::version).containsExactly(1L);
    }

    private static void awaitOrRecord(CountDownLatch latch, AtomicReference<Boolean> overlapped) {
        try {
            if (!latch.await(OVERLAP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                overlapped.set(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Read {
        Optional<Product> latest(String productId);
    }

    /** The in-memory repository, with {@code findLatest} answered by {@code read}. */
    private ProductRepository readingWith(Read read) {
        return new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return read.latest(productId);
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                return products.findVersion(productId, version);
            }

            @Override
            public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                return products.findVersionsBefore(productId, beforeVersion, limit);
            }

            @Override
            public void saveNewVersion(Product product) {
                products.saveNewVersion(product);
            }
        };
    }

    /** The in-memory storage; each store first runs {@code before}, then fails with {@code failure} if one is given. */
    private FileStorage storingWith(Runnable before, RuntimeException failure) {
        return new FileStorage() {
            @Override
            public String store(String key, byte[] content, String contentType, Checksum checksum) {
                before.run();
                if (failure != null) {
                    throw failure;
                }
                return files.store(key, content, contentType, checksum);
            }

            @Override
            public void discard(String key, String versionId) {
                files.discard(key, versionId);
            }

            @Override
            public java.net.URI downloadLink(dev.productupload.domain.model.FileReference file, Duration validFor) {
                return files.downloadLink(file, validFor);
            }

            @Override
            public UploadTarget uploadTarget(String key, long size, String contentType, Checksum checksum,
                                             Duration validFor) {
                return files.uploadTarget(key, size, contentType, checksum, validFor);
            }

            @Override
            public java.util.Optional<StoredObject> inspect(String key, String checksumAlgorithm) {
                return files.inspect(key, checksumAlgorithm);
            }
        };
    }
}
