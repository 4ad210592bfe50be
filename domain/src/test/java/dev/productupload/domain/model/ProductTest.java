package dev.productupload.domain.model;

import dev.productupload.domain.exception.FileLimitExceededException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static Product productWith(List<FileReference> files) {
        return new Product("p-1", "Widget", new BigDecimal("1.00"), "USD", null, Map.of(), 1, NOW, NOW, files);
    }

    private static FileReference file(int n) {
        return new FileReference("f" + n, "products/p-1/files/f" + n + "/a.txt", "v" + n, "a.txt", "text/plain",
                1, Checksum.crc32c(new byte[] {1}), NOW);
    }

    @Test
    void takesFilesUpToTheLimitAndRefusesOneMore() {
        // given
        List<FileReference> files = new ArrayList<>();
        for (int i = 0; i < ProductRules.FILES_MAX - 1; i++) {
            files.add(file(i));
        }
        Product almostFull = productWith(files);

        // when
        Product full = almostFull.withFile(file(999));

        // then
        assertThat(full.files()).hasSize(ProductRules.FILES_MAX);
        assertThat(full.canTakeAnotherFile()).isFalse();
        assertThatThrownBy(() -> full.withFile(file(1000))).isInstanceOf(FileLimitExceededException.class);
    }

    @Test
    void keepsAttributesSortedByKey() {
        Product product = new Product("p-1", "W", BigDecimal.ONE, "USD", null,
                Map.of("zeta", "1", "alpha", "2", "mid", "3"), 1, NOW, NOW, null);

        assertThat(product.attributes().keySet()).containsExactly("alpha", "mid", "zeta");
        assertThat(product.files()).isEmpty();
    }

    @Test
    void keepsPricesWithTwoDecimalPlaces() {
        Product whole = new Product("p-1", "W", new BigDecimal("100"), "USD", null, null, 1, NOW, NOW, null);
        Product tenth = new Product("p-1", "W", new BigDecimal("0.3"), "USD", null, null, 1, NOW, NOW, null);

        assertThat(whole.price().toPlainString()).isEqualTo("100.00");
        assertThat(tenth.price().toPlainString()).isEqualTo("0.30");
    }

    @Test
    void refusesAVersionBelowOne() {
        assertThatThrownBy(() -> new Product("p-1", "W", BigDecimal.ONE, "USD", null, null, 0, NOW, NOW, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void computesCrc32cAsS3ExpectsIt() {
        // "123456789" is the CRC-32C check input; its checksum is 0xE3069283.
        Checksum checksum = Checksum.crc32c("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(checksum.algorithm()).isEqualTo("CRC32C");
        assertThat(checksum.value()).isEqualTo("4waSgw==");
    }

    @Test
    void buildsTheStorageKeyFromProductFileAndName() {
        assertThat(FileReference.keyFor("p-1", "f-1", "spec.pdf")).isEqualTo("products/p-1/files/f-1/spec.pdf");
    }
}
