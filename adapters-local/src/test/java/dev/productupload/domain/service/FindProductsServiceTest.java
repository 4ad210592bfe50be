package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.adapters.local.SignedDownloadLinks;
import dev.productupload.domain.exception.InvalidCursorException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductPage;
import dev.productupload.domain.port.in.ProductSearch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The listing use case, run against the in-memory store. */
class FindProductsServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final FindProductsService finds = new FindProductsService(products);

    private void save(String id, long version, String price, String currency) {
        products.saveNewVersion(new Product(id, "Lamp", new BigDecimal(price), currency, null, Map.of(), version,
                NOW, NOW.plusSeconds(version), List.of()));
    }

    private static ProductSearch search(String currency, String min, String max, String since, String limit) {
        return new ProductSearch(currency, min, max, since, limit, null);
    }

    private static List<String> ids(ProductPage page) {
        return page.items().stream().map(Product::productId).toList();
    }

    private List<String> fieldsRefused(ProductSearch search) {
        InvalidRequestException invalid = catchThrowableOfType(() -> finds.find(search), InvalidRequestException.class);
        assertThat(invalid).as("%s is refused", search).isNotNull();
        return invalid.violations().stream().map(Violation::field).toList();
    }

    @Test
    void walksEveryPageWithItsCursorAndLeavesTheCursorOffTheLastPage() {
        // given
        for (int i = 0; i < 5; i++) {
            save("p-" + i, 1, (10 - i) + ".00", "EUR");
        }
        ProductSearch search = search("EUR", "7.00", null, null, "2");

        // when
        ProductPage first = finds.find(search);
        ProductPage second = finds.find(search.withCursor(first.nextCursor()));

        // then
        assertThat(ids(first)).containsExactly("p-3", "p-2");
        assertThat(ids(second)).containsExactly("p-1", "p-0");
        assertThat(second.nextCursor()).isNull();
        assertThat(finds.find(search.withLimit(4)).nextCursor()).isNull();
        assertThat(finds.find(search.withLimit(3)).nextCursor()).isNotNull();
    }

    @Test
    void listsTwentyByDefaultAndAtMostAHundred() {
        // given
        for (int i = 0; i < 120; i++) {
            save(String.format("p-%03d", i), 1, "1.00", "EUR");
        }

        // when / then
        assertThat(finds.find(ProductSearch.ALL).items()).hasSize(ProductRules.PRODUCTS_PAGE_DEFAULT);
        assertThat(finds.find(ProductSearch.ALL.withLimit(100)).items()).hasSize(100);
        assertThat(fieldsRefused(ProductSearch.ALL.withLimit(101))).containsExactly("limit");
        assertThat(fieldsRefused(ProductSearch.ALL.withLimit(0))).containsExactly("limit");
        assertThat(fieldsRefused(search(null, null, null, null, "ten"))).containsExactly("limit");
    }

    @Test
    void namesEveryBadParameter() {
        assertThat(fieldsRefused(search("EURO", null, null, null, null))).containsExactly("currency");
        assertThat(fieldsRefused(search("eur", null, null, null, null))).containsExactly("currency");
        assertThat(fieldsRefused(search("XYZ", null, null, null, null))).containsExactly("currency");
        assertThat(fieldsRefused(search("EUR", "1.001", "1e3", null, null))).containsExactly("minPrice", "maxPrice");
        assertThat(fieldsRefused(search("EUR", "-1", "1000000000.01", null, null))).containsExactly("minPrice", "maxPrice");
        assertThat(fieldsRefused(search("EUR", "50.00", "10.00", null, null))).containsExactly("minPrice");
        assertThat(fieldsRefused(search(null, "10.00", null, null, null))).containsExactly("minPrice");
        assertThat(fieldsRefused(search(null, null, "10.00", null, null))).containsExactly("maxPrice");
        assertThat(fieldsRefused(search(null, null, null, "yesterday", null))).containsExactly("updatedSince");
        assertThat(fieldsRefused(search(null, null, null, "2026-03-04", null))).containsExactly("updatedSince");
        assertThat(fieldsRefused(search("EUR", null, null, NOW.toString(), null))).containsExactly("updatedSince");
    }

    @Test
    void acceptsTheEdgesOfEveryParameter() {
        // given
        save("p-1", 1, "1000000000.00", "EUR");

        // when / then
        assertThat(ids(finds.find(search("EUR", "0", "1000000000", null, "100")))).containsExactly("p-1");
        assertThat(ids(finds.find(search("EUR", "1000000000.00", "1000000000.00", null, "1")))).containsExactly("p-1");
        assertThat(ids(finds.find(search(null, null, null, NOW.plusSeconds(1).toString(), null)))).containsExactly("p-1");
        assertThat(ids(finds.find(search(null, null, null, NOW.plusMillis(1001).toString(), null)))).isEmpty();
    }

    @Test
    void refusesACursorThatWasEditedCutShortOrIssuedForAnotherListing() {
        // given
        for (int i = 0; i < 6; i++) {
            save("p-" + i, 1, i + ".00", "EUR");
            save("p-" + i, 2, i + ".50", "EUR");
        }
        ProductSearch euros = search("EUR", "1.00", null, null, "2");
        String cursor = finds.find(euros).nextCursor();
        String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                StandardCharsets.UTF_8);
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("p-2", "p-4").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        String versionsCursor = new ReadProductService(products,
                new InMemoryFileStorage(1, new SignedDownloadLinks(Clock.fixed(NOW, ZoneOffset.UTC))),
                Clock.systemUTC()).versions("p-1", 1, null).nextCursor();
        List<String> forged = new ArrayList<>(List.of(versionsCursor, edited, cursor.substring(0, cursor.length() - 1),
                cursor + "A", "", ".", "not-a-cursor", "a".repeat(2000)));
        forged.add(finds.find(ProductSearch.ALL.withLimit(2)).nextCursor());

        // when / then
        assertThat(ids(finds.find(euros.withCursor(cursor)))).containsExactly("p-3", "p-4");
        for (String bad : forged) {
            assertThatThrownBy(() -> finds.find(euros.withCursor(bad))).as(bad).isInstanceOf(InvalidCursorException.class);
        }
        for (ProductSearch other : List.of(search("EUR", "1.00", "9.00", null, "2"), search("USD", "1.00", null, null, "2"),
                search("EUR", "2.00", null, null, "2"), search(null, null, null, NOW.toString(), "2"), ProductSearch.ALL)) {
            assertThatThrownBy(() -> finds.find(other.withCursor(cursor))).as("%s", other)
                    .isInstanceOf(InvalidCursorException.class);
        }
        assertThat(ids(finds.find(search("EUR", "1", null, null, "5").withCursor(cursor))))
                .as("the same filter, written another way, with another limit").containsExactly("p-3", "p-4", "p-5");
    }

    @Test
    void refusesAListingCursorOnTheVersionsRoute() {
        // given
        save("p-1", 1, "1.00", "EUR");
        save("p-1", 2, "1.00", "EUR");
        save("p-2", 1, "1.00", "EUR");
        String listingCursor = finds.find(ProductSearch.ALL.withLimit(1)).nextCursor();
        ReadProductService reads = new ReadProductService(products,
                new InMemoryFileStorage(1, new SignedDownloadLinks(Clock.fixed(NOW, ZoneOffset.UTC))), Clock.systemUTC());

        // when / then
        assertThatThrownBy(() -> reads.versions("p-1", 1, listingCursor)).isInstanceOf(InvalidCursorException.class);
    }
}
