package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upload use case, run against the in-memory adapters. It lives beside them because Maven forbids
 * a test dependency from {@code domain} back to a module that depends on it.
 */
class UploadServiceTest {

    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final byte[] BYTES = "spec sheet".getBytes(StandardCharsets.UTF_8);

    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryFileStorage files = new InMemoryFileStorage();
    private final AtomicInteger nextId = new AtomicInteger();
    private final UploadService service = serviceWith(products);

    private UploadService serviceWith(ProductRepository repository) {
        return new UploadService(repository, files, () -> "id-" + nextId.incrementAndGet(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ProductData newProduct(String productId) {
        return new ProductData(productId, "Widget", new BigDecimal("19.99"), null, null, Map.of("color", "red"), null);
    }

    static UploadCommand fileFor(String productId) {
        return new UploadCommand("spec.pdf", BYTES, null, ProductData.ofId(productId));
    }

    private static UploadCommand productOnly(ProductData data) {
        return new UploadCommand(null, null, null, data);
    }

    @Test
    void createsANewProductAsVersionOneWithAGeneratedIdAndDefaultCurrency() {
        // when
        UploadResult result = service.upload(productOnly(newProduct(null)));

        // then
        Product created = result.product();
        assertThat(created.productId()).isEqualTo("id-1");
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.currency()).isEqualTo("USD");
        assertThat(created.price()).isEqualByComparingTo("19.99");
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.updatedAt()).isEqualTo(NOW);
        assertThat(result.file()).isNull();
        assertThat(products.findLatest("id-1")).contains(created);
    }

    @Test
    void createsAProductUnderTheGivenIdWhenItDoesNotExistYet() {
        UploadResult result = service.upload(productOnly(newProduct("sku-1")));

        assertThat(result.product().productId()).isEqualTo("sku-1");
        assertThat(products.history("sku-1")).hasSize(1);
    }

    @Test
    void requiresNameAndPriceToCreateAProduct() {
        // given
        ProductData descriptionOnly = new ProductData(null, null, null, null, "text", null, null);

        // when / then
        assertThatThrownBy(() -> service.upload(productOnly(descriptionOnly)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("productData.price", "productData.productName"));
        assertThat(products.versionCount()).isZero();
    }

    @Test
    void updatesTheFieldsPresentKeepsTheOthersAndAddsAVersion() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductData newPrice = new ProductData("sku-1", null, new BigDecimal("5.00"), "EUR", null, null, null);

        // when
        Product updated = service.upload(productOnly(newPrice)).product();

        // then
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.price()).isEqualByComparingTo("5.00");
        assertThat(updated.currency()).isEqualTo("EUR");
        assertThat(updated.productName()).isEqualTo("Widget");
        assertThat(updated.attributes()).containsEntry("color", "red");
        assertThat(products.history("sku-1")).extracting(Product::version).containsExactly(1L, 2L);
    }

    @Test
    void refusesAChangeWhoseExpectedVersionIsNotTheCurrentOne() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        service.upload(productOnly(new ProductData("sku-1", "Renamed", null, null, null, null, null)));
        ProductData stale = new ProductData("sku-1", "Stale", null, null, null, null, 1L);

        // when / then
        assertThatThrownBy(() -> service.upload(new UploadCommand("a.txt", BYTES, null, stale)))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("version 2");
        assertThat(products.findLatest("sku-1").orElseThrow().productName()).isEqualTo("Renamed");
        assertThat(files.versionCount()).isZero();
    }

    @Test
    void acceptsAChangeWhoseExpectedVersionIsCurrent() {
        service.upload(productOnly(newProduct("sku-1")));

        Product updated = service.upload(productOnly(
                new ProductData("sku-1", "Renamed", null, null, null, null, 1L))).product();

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.productName()).isEqualTo("Renamed");
    }

    @Test
    void storesTheFileAndAddsItsReferenceToTheNewVersion() {
        // given
        service.upload(productOnly(newProduct("sku-1")));

        // when
        UploadResult result = service.upload(fileFor("sku-1"));

        // then
        FileReference file = result.file();
        assertThat(file.key()).isEqualTo("products/sku-1/files/" + file.fileId() + "/spec.pdf");
        assertThat(file.contentType()).isEqualTo(ProductRules.DEFAULT_CONTENT_TYPE);
        assertThat(file.size()).isEqualTo(BYTES.length);
        assertThat(file.checksum()).isEqualTo(Checksum.crc32c(BYTES));
        assertThat(file.uploadedAt()).isEqualTo(NOW);
        assertThat(files.read(file.key(), file.versionId())).hasValueSatisfying(b -> assertThat(b).isEqualTo(BYTES));
        assertThat(result.product().version()).isEqualTo(2);
        assertThat(result.product().files()).containsExactly(file);
    }

    @Test
    void createsAProductAndItsFirstFileInOneVersion() {
        UploadResult result = service.upload(new UploadCommand("a.png", BYTES, "image/png", newProduct(null)));

        assertThat(result.product().version()).isEqualTo(1);
        assertThat(result.product().files()).containsExactly(result.file());
        assertThat(result.file().contentType()).isEqualTo("image/png");
    }

    @Test
    void rejectsAFileThatBelongsToNoProduct() {
        assertThatThrownBy(() -> service.upload(new UploadCommand("a.txt", BYTES, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("productData.productId"));
        assertThat(files.versionCount()).isZero();
    }

    @Test
    void reportsAFileForAnUnknownProductAsNotFoundAndStoresNothing() {
        assertThatThrownBy(() -> service.upload(fileFor("nope")))
                .isInstanceOf(ProductNotFoundException.class)
                .hasMessageContaining("nope");
        assertThat(files.versionCount()).isZero();
        assertThat(products.versionCount()).isZero();
    }

    @Test
    void reportsAnExpectedVersionOfAnUnknownProductAsNotFound() {
        ProductData data = new ProductData("nope", "Widget", BigDecimal.ONE, null, null, null, 1L);

        assertThatThrownBy(() -> service.upload(productOnly(data))).isInstanceOf(ProductNotFoundException.class);
    }

    @Test
    void rejectsARequestWithNothingToStore() {
        assertThatThrownBy(() -> service.upload(productOnly(ProductData.ofId("sku-1"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("productData"));
        assertThatThrownBy(() -> service.upload(new UploadCommand(null, null, null, null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void requiresFileNameAndFileDataTogether() {
        ProductData existing = ProductData.ofId("sku-1");

        assertThatThrownBy(() -> service.upload(new UploadCommand("a.txt", null, null, existing)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("fileData"));
        assertThatThrownBy(() -> service.upload(new UploadCommand(null, BYTES, null, existing)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("fileName"));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        ProductData bad = new ProductData("-bad", " ", new BigDecimal("-1.001"), "usd", null, null, null);

        assertThatThrownBy(() -> service.upload(new UploadCommand("..", BYTES, "pdf", bad)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .contains("fileName", "contentType", "productData.productId", "productData.productName",
                                "productData.price", "productData.currency"));
    }

    @Test
    void refusesAFileWhenTheProductHasTheMaximumNumberOfFiles() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        for (int i = 0; i < ProductRules.FILES_MAX; i++) {
            service.upload(fileFor("sku-1"));
        }
        int storedBefore = files.versionCount();

        // when / then
        assertThatThrownBy(() -> service.upload(fileFor("sku-1"))).isInstanceOf(FileLimitExceededException.class);
        assertThat(files.versionCount()).isEqualTo(storedBefore);
        assertThat(products.findLatest("sku-1").orElseThrow().files()).hasSize(ProductRules.FILES_MAX);
    }

    @Test
    void aProductThatHoldsTheMaximumNumberOfFilesCanStillChangeItsFields() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        for (int i = 0; i < ProductRules.FILES_MAX; i++) {
            service.upload(fileFor("sku-1"));
        }
        ProductData newPrice = new ProductData("sku-1", null, new BigDecimal("24.99"), null, null, null, null);

        // when
        UploadResult result = service.upload(productOnly(newPrice));

        // then
        assertThat(result.product().price()).isEqualByComparingTo("24.99");
        assertThat(result.product().files()).hasSize(ProductRules.FILES_MAX);
    }

    @Test
    void deletesTheStoredFileWhenTheProductCannotBeSaved() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductRepository failing = savesFailWith(product ->
                new BackendUnavailableException("test repository", new RuntimeException("down")));

        // when / then
        assertThatThrownBy(() -> serviceWith(failing).upload(fileFor("sku-1")))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(files.versionCount()).isZero();
        assertThat(products.history("sku-1")).hasSize(1);
    }

    @Test
    void retriesAgainstTheNewLatestVersionWhenAnotherWriterWinsTheRace() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductRepository racing = new RacingRepository(products);

        // when
        UploadResult result = serviceWith(racing).upload(fileFor("sku-1"));

        // then
        assertThat(result.product().version()).isEqualTo(3);
        assertThat(result.product().productName()).isEqualTo("Competitor");
        assertThat(result.product().files()).containsExactly(result.file());
        assertThat(products.history("sku-1")).extracting(Product::version).containsExactly(1L, 2L, 3L);
    }

    @Test
    void reportsTheConflictWithoutRetryingWhenTheRequestNamedAnExpectedVersion() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductRepository racing = new RacingRepository(products);
        ProductData expectingOne = new ProductData("sku-1", null, null, null, null, null, 1L);

        // when / then
        assertThatThrownBy(() -> serviceWith(racing).upload(new UploadCommand("a.txt", BYTES, null, expectingOne)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(files.versionCount()).isZero();
        assertThat(products.findLatest("sku-1").orElseThrow().productName()).isEqualTo("Competitor");
    }

    @Test
    void aBlindChangeThatLosesEveryAttemptIsBusyNotAConflictAndLeavesNoFileBehind() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductRepository alwaysLosing = savesFailWith(product ->
                VersionConflictException.versionTaken(product.productId(), product.version()));
        UploadService threeAttempts = new UploadService(alwaysLosing, files, () -> "id-" + nextId.incrementAndGet(),
                Clock.fixed(NOW, ZoneOffset.UTC), 3);

        // when / then
        assertThatThrownBy(() -> threeAttempts.upload(fileFor("sku-1")))
                .isInstanceOf(BackendUnavailableException.class)
                .hasRootCauseInstanceOf(VersionConflictException.class);
        assertThat(files.versionCount()).isZero();
    }

    @Test
    void aBlindChangeStopsRetryingWhenItsDeadlineLeavesNoTimeAndLeavesNoFileBehind() {
        // given
        service.upload(productOnly(newProduct("sku-1")));
        ProductRepository alwaysLosing = savesFailWith(product ->
                VersionConflictException.versionTaken(product.productId(), product.version()));
        UploadService manyAttempts = new UploadService(alwaysLosing, files, () -> "id-" + nextId.incrementAndGet(),
                Clock.fixed(NOW, ZoneOffset.UTC), Integer.MAX_VALUE);
        Deadline almostUp = Deadline.after(UploadService.COMPENSATION_RESERVE.plusMillis(1));

        // when / then
        assertThatThrownBy(() -> almostUp.bind(() -> manyAttempts.upload(fileFor("sku-1"))))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(files.versionCount()).isZero();
    }

    /** Reads from the in-memory repository; every save fails as {@code failure} says. */
    private ProductRepository savesFailWith(Function<Product, RuntimeException> failure) {
        return new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return products.findLatest(productId);
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
                throw failure.apply(product);
            }
        };
    }

    /** Lets a competing writer save the next version just before the first save under test. */
    private static final class RacingRepository implements ProductRepository {
        private final InMemoryProductRepository delegate;
        private boolean raced;

        RacingRepository(InMemoryProductRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Product> findLatest(String productId) {
            return delegate.findLatest(productId);
        }

        @Override
        public Optional<Product> findVersion(String productId, long version) {
            return delegate.findVersion(productId, version);
        }

        @Override
        public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
            return delegate.findVersionsBefore(productId, beforeVersion, limit);
        }

        @Override
        public void saveNewVersion(Product product) {
            if (!raced) {
                raced = true;
                Product latest = delegate.findLatest(product.productId()).orElseThrow();
                delegate.saveNewVersion(new Product(latest.productId(), "Competitor", latest.price(),
                        latest.currency(), latest.description(), latest.attributes(), latest.version() + 1,
                        latest.createdAt(), NOW, latest.files()));
            }
            delegate.saveNewVersion(product);
        }
    }
}
