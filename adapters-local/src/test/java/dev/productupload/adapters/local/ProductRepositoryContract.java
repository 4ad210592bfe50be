package dev.productupload.adapters.local;

import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ProductRepository} must do, run against each local implementation. */
abstract class ProductRepositoryContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    abstract ProductRepository repository();

    static Product version(String id, long version, String price) {
        FileReference file = new FileReference("f-1", "products/" + id + "/files/f-1/a.pdf", "v-1", "a.pdf",
                "application/pdf", 3, Checksum.crc32c(new byte[] {1, 2, 3}), T0);
        return new Product(id, "Widget " + version, new BigDecimal(price), "EUR", "desc",
                Map.of("color", "red"), version, T0, T0.plusSeconds(version), List.of(file));
    }

    @Test
    void findsNothingForAnUnknownProduct() {
        assertThat(repository().findLatest("unknown")).isEmpty();
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

        assertThat(repository.findLatest("p-1").orElseThrow().price()).isEqualByComparingTo("1.00");
        assertThat(repository.findLatest("p-2").orElseThrow().price()).isEqualByComparingTo("2.00");
    }
}
