package dev.productupload.domain.port.out;

import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ProductRepository} must do. Each adapter module extends it once per implementation: in
 * memory, on disk, and DynamoDB (on dynalite). {@link #repository()} gives the same empty store within a test.
 */
public abstract class ProductRepositoryContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

    protected abstract ProductRepository repository();

    protected static Product version(String id, long version, String price) {
        FileReference file = new FileReference("f-1", "products/" + id + "/files/f-1/a.pdf", "v-1", "a.pdf",
                "application/pdf", 3, Checksum.crc32c(new byte[] {1, 2, 3}), T0);
        return new Product(id, "Widget " + version, new BigDecimal(price), "EUR", "desc",
                Map.of("color", "red"), version, T0, T0.plusSeconds(version), List.of(file));
    }

    private static List<Long> versionsOf(List<Product> products) {
        return products.stream().map(Product::version).toList();
    }

    private ProductRepository withVersions(String id, long count) {
        ProductRepository repository = repository();
        LongStream.rangeClosed(1, count).forEach(v -> repository.saveNewVersion(version(id, v, v + ".00")));
        return repository;
    }

    @Test
    void findsNothingForAnUnknownProduct() {
        ProductRepository repository = repository();

        assertThat(repository.findLatest("unknown")).isEmpty();
        assertThat(repository.findVersion("unknown", 1)).isEmpty();
        assertThat(repository.findVersionsBefore("unknown", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void returnsTheNewestVersionWithEveryFieldIntact() {
        // given
        ProductRepository repository = repository();
        repository.saveNewVersion(version("p-1", 1, "0.10"));
        repository.saveNewVersion(version("p-1", 2, "0.30"));

        // when
        Product latest = repository.findLatest("p-1").orElseThrow();

        // then
        assertThat(latest).isEqualTo(version("p-1", 2, "0.30"));
        assertThat(latest.price().toPlainString()).isEqualTo("0.30");
    }

    @Test
    void returnsAnOlderVersionExactlyAsItWasSaved() {
        // given
        ProductRepository repository = withVersions("p-1", 3);

        // when
        Product second = repository.findVersion("p-1", 2).orElseThrow();

        // then
        assertThat(second).isEqualTo(version("p-1", 2, "2.00"));
        assertThat(second.files().get(0).checksum()).isEqualTo(Checksum.crc32c(new byte[] {1, 2, 3}));
        assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void findsNoVersionThatWasNeverSaved() {
        ProductRepository repository = withVersions("p-1", 2);

        assertThat(repository.findVersion("p-1", 3)).isEmpty();
        assertThat(repository.findVersion("p-1", 0)).isEmpty();
    }

    @Test
    void listsVersionsNewestFirstBelowTheGivenVersionUpToTheLimit() {
        // given
        ProductRepository repository = withVersions("p-1", 5);

        // when / then
        assertThat(versionsOf(repository.findVersionsBefore("p-1", Long.MAX_VALUE, 2))).containsExactly(5L, 4L);
        assertThat(versionsOf(repository.findVersionsBefore("p-1", 4, 2))).containsExactly(3L, 2L);
        assertThat(versionsOf(repository.findVersionsBefore("p-1", 2, 2))).containsExactly(1L);
        assertThat(repository.findVersionsBefore("p-1", 1, 2)).isEmpty();
        assertThat(repository.findVersionsBefore("p-1", Long.MAX_VALUE, 10)).containsExactly(
                version("p-1", 5, "5.00"), version("p-1", 4, "4.00"), version("p-1", 3, "3.00"),
                version("p-1", 2, "2.00"), version("p-1", 1, "1.00"));
    }

    @Test
    void ordersVersionsAsNumbersNotAsText() {
        // given
        ProductRepository repository = withVersions("p-1", 12);

        // when / then
        assertThat(versionsOf(repository.findVersionsBefore("p-1", Long.MAX_VALUE, 4))).containsExactly(12L, 11L, 10L, 9L);
        assertThat(repository.findLatest("p-1").orElseThrow().version()).isEqualTo(12);
    }

    @Test
    void refusesToWriteAnExistingVersionTwice() {
        // given
        ProductRepository repository = repository();
        repository.saveNewVersion(version("p-1", 1, "1.00"));

        // when / then
        assertThatThrownBy(() -> repository.saveNewVersion(version("p-1", 1, "2.00")))
                .isInstanceOf(VersionConflictException.class);
        assertThat(repository.findLatest("p-1").orElseThrow().price()).isEqualByComparingTo("1.00");
    }

    @Test
    void keepsProductsApart() {
        ProductRepository repository = repository();
        repository.saveNewVersion(version("p-1", 1, "1.00"));
        repository.saveNewVersion(version("p-2", 1, "2.00"));
        repository.saveNewVersion(version("p-2", 2, "3.00"));

        assertThat(repository.findLatest("p-1").orElseThrow().price()).isEqualByComparingTo("1.00");
        assertThat(repository.findLatest("p-2").orElseThrow().price()).isEqualByComparingTo("3.00");
        assertThat(versionsOf(repository.findVersionsBefore("p-1", Long.MAX_VALUE, 10))).containsExactly(1L);
        assertThat(repository.findVersion("p-1", 2)).isEmpty();
    }
}
