package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.adapters.local.SignedDownloadLinks;
import dev.productupload.domain.exception.InvalidCursorException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductFileNotFoundException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.ProductVersionNotFoundException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.FileDownload;
import dev.productupload.domain.port.in.VersionPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read use case, run against the in-memory adapters. */
class ReadProductServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryFileStorage files = new InMemoryFileStorage(InMemoryFileStorage.DEFAULT_MAX_BYTES, new SignedDownloadLinks(CLOCK));
    private final ReadProductService reads = new ReadProductService(products, files, CLOCK);

    private static FileReference file(String fileId, String versionId) {
        return new FileReference(fileId, FileReference.keyFor("p-1", fileId, "a.pdf"), versionId, "a.pdf",
                "application/pdf", 3, Checksum.crc32c(new byte[] {1, 2, 3}), NOW);
    }

    /** Versions 1 to {@code count}, each adding one file, as uploads do. */
    private void saveVersions(String productId, long count) {
        List<FileReference> filesSoFar = new ArrayList<>();
        for (long version = 1; version <= count; version++) {
            filesSoFar.add(file("f-" + version, "v-" + version));
            products.saveNewVersion(new Product(productId, "Lamp", new BigDecimal("1.00"), "EUR", null, Map.of(),
                    version, NOW, NOW, filesSoFar));
        }
    }

    private List<Long> allVersionsPaged(String productId, int limit) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            VersionPage page = reads.versions(productId, limit, cursor);
            page.items().forEach(product -> seen.add(product.version()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    void readsTheLatestAndAnyOlderVersionExactlyAsStored() {
        // given
        saveVersions("p-1", 3);

        // when / then
        assertThat(reads.latest("p-1").version()).isEqualTo(3);
        assertThat(reads.version("p-1", 2)).isEqualTo(products.findVersion("p-1", 2).orElseThrow());
    }

    @Test
    void saysWhetherTheProductOrOnlyTheVersionIsMissing() {
        saveVersions("p-1", 1);

        assertThatThrownBy(() -> reads.version("p-1", 2)).isInstanceOf(ProductVersionNotFoundException.class);
        assertThatThrownBy(() -> reads.version("nope", 1)).isInstanceOf(ProductNotFoundException.class);
        assertThatThrownBy(() -> reads.latest("nope")).isInstanceOf(ProductNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-starts-with-dash", "has space", "a/b", "ü", "x\n"})
    void refusesAProductIdThatBreaksTheIdRuleNamingProductId(String productId) {
        assertThatThrownBy(() -> reads.latest(productId))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.violations()).singleElement().satisfies(violation -> {
                            assertThat(violation.field()).isEqualTo("productId");
                            assertThat(violation.message()).isEqualTo(ProductRules.PRODUCT_ID_RULE);
                        }));
    }

    @Test
    void refusesAVersionBelowOne() {
        assertThatThrownBy(() -> reads.version("p-1", 0))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        invalid -> assertThat(invalid.violations().get(0).field()).isEqualTo("version"));
    }

    @Test
    void pagesThroughEveryVersionNewestFirstWithoutGapsOrRepeats() {
        // given
        saveVersions("p-1", 45);

        // when
        List<Long> seen = allVersionsPaged("p-1", 20);

        // then
        assertThat(seen).containsExactlyElementsOf(LongStream.iterate(45, v -> v >= 1, v -> v - 1).boxed().toList());
    }

    @Test
    void givesNoCursorOnTheLastPageEvenWhenItIsFull() {
        // given
        saveVersions("p-1", 4);

        // when
        VersionPage first = reads.versions("p-1", 2, null);
        VersionPage last = reads.versions("p-1", 2, first.nextCursor());

        // then
        assertThat(first.items()).extracting(Product::version).containsExactly(4L, 3L);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(last.items()).extracting(Product::version).containsExactly(2L, 1L);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void refusesAListOfAnUnknownProduct() {
        assertThatThrownBy(() -> reads.versions("nope", 20, null)).isInstanceOf(ProductNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, ProductRules.VERSIONS_PAGE_MAX + 1})
    void refusesALimitOutsideTheRange(int limit) {
        saveVersions("p-1", 1);

        assertThatThrownBy(() -> reads.versions("p-1", limit, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
                    assertThat(invalid.violations().get(0).field()).isEqualTo("limit");
                    assertThat(invalid.violations().get(0).message()).contains("1-" + ProductRules.VERSIONS_PAGE_MAX);
                });
    }

    @Test
    void refusesACursorThatWasEditedCutShortOrIssuedForAnotherProduct() {
        // given
        saveVersions("p-1", 5);
        saveVersions("p-2", 5);
        String cursor = reads.versions("p-1", 2, null).nextCursor();
        String foreign = reads.versions("p-2", 2, null).nextCursor();
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String decoded = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String otherVersion = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(decoded.replace("\n4", "\n2").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        List<String> forged = List.of(foreign, cursor.substring(0, cursor.length() - 1), cursor + "A",
                otherVersion, "", ".", "not-a-cursor", cursor.replace('.', '!'), "%%%", "a".repeat(2000));

        // when / then
        assertThat(reads.versions("p-1", 2, cursor).items()).extracting(Product::version).containsExactly(3L, 2L);
        for (String bad : forged) {
            assertThatThrownBy(() -> reads.versions("p-1", 2, bad)).as(bad).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void linksToExactlyTheStoredVersionOfAFileForFiveMinutes() {
        // given
        saveVersions("p-1", 2);

        // when
        FileDownload download = reads.download("p-1", "f-1");

        // then
        assertThat(download.file().versionId()).isEqualTo("v-1");
        assertThat(download.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(download.url().toString()).startsWith(SignedDownloadLinks.PATH_PREFIX);
    }

    @Test
    void refusesADownloadOfAFileTheProductDoesNotHave() {
        saveVersions("p-1", 1);

        assertThatThrownBy(() -> reads.download("p-1", "f-9")).isInstanceOf(ProductFileNotFoundException.class);
        assertThatThrownBy(() -> reads.download("nope", "f-1")).isInstanceOf(ProductNotFoundException.class);
    }
}
