package dev.productupload.domain.port.out;

import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ProductListing} must do, on a store that is also the {@link ProductRepository} it lists:
 * latest versions only, once each, in the filter's order, resuming strictly after a position. Each adapter module
 * extends it once per implementation: in memory, on disk, and DynamoDB (on dynalite). {@link #repository()} and
 * {@link #listing()} give the same empty store within a test.
 */
public abstract class ProductListingContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");

    protected abstract ProductRepository repository();

    protected abstract ProductListing listing();

    /** Products the brute-force comparison loads; small enough to run in well under a minute on two cores. */
    protected int randomProducts() {
        return 2_000;
    }

    protected static Product product(String id, long version, String price, String currency, Instant updatedAt) {
        return new Product(id, "Widget " + id, new BigDecimal(price), currency, null, Map.of("v", "" + version),
                version, T0, updatedAt, List.of());
    }

    private void save(String id, long version, String price, String currency) {
        repository().saveNewVersion(product(id, version, price, currency, T0.plusSeconds(version)));
    }

    private static List<String> ids(List<Product> products) {
        return products.stream().map(Product::productId).toList();
    }

    private List<Product> walk(ProductFilter filter, int pageSize) {
        List<Product> all = new ArrayList<>();
        ListingPosition after = null;
        while (true) {
            List<Product> page = listing().findLatest(filter, after, pageSize);
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = ListingPosition.after(page.get(page.size() - 1), filter.order());
        }
    }

    @Test
    void listsNothingInAnEmptyStore() {
        assertThat(listing().findLatest(ProductFilter.ALL, null, 10)).isEmpty();
        assertThat(listing().findLatest(ProductFilter.inCurrency("EUR", null, null), null, 10)).isEmpty();
        assertThat(listing().findLatest(ProductFilter.updatedSince(T0), null, 10)).isEmpty();
    }

    @Test
    void listsEveryProductOnceAtItsLatestVersionByProductId() {
        // given
        save("b", 1, "1.00", "EUR");
        save("a", 1, "2.00", "EUR");
        save("b", 2, "3.00", "USD");
        save("c", 1, "4.00", "JPY");
        save("b", 3, "5.00", "EUR");

        // when
        List<Product> all = listing().findLatest(ProductFilter.ALL, null, 10);

        // then
        assertThat(ids(all)).containsExactly("a", "b", "c");
        assertThat(all.get(1)).isEqualTo(product("b", 3, "5.00", "EUR", T0.plusSeconds(3)));
    }

    @Test
    void ordersByExactPriceThenProductId() {
        // given: prices a double cannot tell apart, and ties
        save("p-3", 1, "999999999.99", "EUR");
        save("p-2", 1, "1000000000.00", "EUR");
        save("p-1", 1, "0.10", "EUR");
        save("p-0", 1, "0.10", "EUR");
        save("p-9", 1, "0.09", "EUR");
        save("p-5", 1, "10.00", "EUR");
        save("p-4", 1, "9.99", "EUR");

        // when
        List<Product> inEuro = listing().findLatest(ProductFilter.inCurrency("EUR", null, null), null, 10);

        // then
        assertThat(ids(inEuro)).containsExactly("p-9", "p-0", "p-1", "p-4", "p-5", "p-3", "p-2");
    }

    @Test
    void keepsToTheCurrencyAndTheInclusivePriceRange() {
        // given
        save("below", 1, "9.99", "EUR");
        save("at-min", 1, "10.00", "EUR");
        save("inside", 1, "25.00", "EUR");
        save("at-max", 1, "50.00", "EUR");
        save("above", 1, "50.01", "EUR");
        save("dollars", 1, "25.00", "USD");

        // when
        List<Product> found = listing().findLatest(
                ProductFilter.inCurrency("EUR", new BigDecimal("10.00"), new BigDecimal("50.00")), null, 10);

        // then
        assertThat(ids(found)).containsExactly("at-min", "inside", "at-max");
        assertThat(ids(listing().findLatest(ProductFilter.inCurrency("USD", null, new BigDecimal("25.00")), null, 10)))
                .containsExactly("dollars");
        assertThat(ids(listing().findLatest(ProductFilter.inCurrency("EUR", new BigDecimal("50.01"), null), null, 10)))
                .containsExactly("above");
    }

    @Test
    void showsAProductMovedOutOfTheRangeNowhereAndAtItsNewPriceElsewhere() {
        // given
        save("moved", 1, "20.00", "EUR");
        save("stays", 1, "30.00", "EUR");
        save("moved", 2, "70.00", "EUR");

        // when
        List<Product> inRange = listing().findLatest(
                ProductFilter.inCurrency("EUR", new BigDecimal("10.00"), new BigDecimal("50.00")), null, 10);
        List<Product> all = listing().findLatest(ProductFilter.inCurrency("EUR", null, null), null, 10);

        // then
        assertThat(ids(inRange)).containsExactly("stays");
        assertThat(ids(all)).containsExactly("stays", "moved");
        assertThat(all.get(1).price()).isEqualByComparingTo("70.00");
        assertThat(all.get(1).version()).isEqualTo(2);
    }

    @Test
    void listsChangesAtOrAfterAnInstantOldestFirst() {
        // given
        save("old", 1, "1.00", "EUR");
        save("x", 1, "1.00", "EUR");
        save("x", 2, "1.00", "EUR");
        save("y", 1, "1.00", "EUR");
        save("y", 2, "1.00", "EUR");
        save("y", 3, "1.00", "EUR");
        save("w", 2, "1.00", "EUR");

        // when
        List<Product> changed = listing().findLatest(ProductFilter.updatedSince(T0.plusSeconds(2)), null, 10);

        // then: x and w tie at second 2 and break on id
        assertThat(ids(changed)).containsExactly("w", "x", "y");
        assertThat(listing().findLatest(ProductFilter.updatedSince(T0.plusSeconds(4)), null, 10)).isEmpty();
    }

    @Test
    void resumesStrictlyAfterThePositionInEachOrder() {
        // given
        for (int i = 0; i < 7; i++) {
            save("p-" + i, 1, (i % 3) + ".00", "EUR");
        }

        // when / then
        assertThat(ids(walk(ProductFilter.ALL, 2))).containsExactly("p-0", "p-1", "p-2", "p-3", "p-4", "p-5", "p-6");
        assertThat(ids(walk(ProductFilter.inCurrency("EUR", null, null), 3)))
                .containsExactly("p-0", "p-3", "p-6", "p-1", "p-4", "p-2", "p-5");
        assertThat(ids(walk(ProductFilter.updatedSince(T0), 1))).containsExactly("p-0", "p-1", "p-2", "p-3", "p-4", "p-5", "p-6");
        assertThat(ids(listing().findLatest(ProductFilter.ALL, new ListingPosition("p-6", null, null), 5))).isEmpty();
        assertThat(ids(listing().findLatest(ProductFilter.inCurrency("EUR", null, null),
                new ListingPosition("p-3", new BigDecimal("0.00"), null), 2))).containsExactly("p-6", "p-1");
    }

    @Test
    void walksEachProductOnceWhileOthersAreWritten() {
        // given
        for (int i = 0; i < 40; i++) {
            save(String.format("p-%02d", i), 1, (i % 10) + ".50", "EUR");
        }
        ProductFilter filter = ProductFilter.inCurrency("EUR", null, null);
        Set<String> untouched = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            untouched.add(String.format("p-%02d", i));
        }

        // when: after every page, a new product appears, and an old one moves up and one moves down
        List<Product> seen = new ArrayList<>();
        ListingPosition after = null;
        Random random = new Random(7);
        for (int round = 0; ; round++) {
            List<Product> page = listing().findLatest(filter, after, 5);
            seen.addAll(page);
            if (page.size() < 5) {
                break;
            }
            after = ListingPosition.after(page.get(page.size() - 1), filter.order());
            save("new-" + round, 1, random.nextInt(10) + ".25", "EUR");
            for (String moved : List.of(String.format("p-%02d", random.nextInt(40)), String.format("p-%02d", random.nextInt(40)))) {
                Product latest = repository().findLatest(moved).orElseThrow();
                repository().saveNewVersion(product(moved, latest.version() + 1, random.nextInt(10) + ".75", "EUR",
                        T0.plusSeconds(100 + round)));
                untouched.remove(moved);
            }
        }

        // then: never twice at one position, and every product nobody wrote shows exactly once
        Set<String> positions = new HashSet<>();
        Map<String, Integer> times = new HashMap<>();
        for (Product product : seen) {
            assertThat(positions.add(product.price().toPlainString() + " " + product.productId()))
                    .as("%s at %s", product.productId(), product.price()).isTrue();
            times.merge(product.productId(), 1, Integer::sum);
        }
        untouched.forEach(id -> assertThat(times.get(id)).as(id).isEqualTo(1));
        assertThat(seen).as("the walk is in order, so no position comes twice").isSortedAccordingTo(filter.comparator());
    }

    @Test
    void everyFilterAndEveryWalkIsWhatABruteForceScanOfTheLatestVersionsSays() throws Exception {
        // given: random prices and currencies, some products updated several times, some moved between ranges
        Random random = new Random(11);
        Map<String, Product> latest = new HashMap<>();
        List<List<Product>> histories = new ArrayList<>();
        int count = randomProducts();
        for (int i = 0; i < count; i++) {
            String id = "sku-" + Integer.toString(random.nextInt(count * 4), 36) + "-" + i;
            int versions = random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(3);
            List<Product> history = new ArrayList<>();
            for (long v = 1; v <= versions; v++) {
                // few distinct prices, so ties on price are common and break on the id
                String price = random.nextInt(4) == 0 ? random.nextInt(5) + ".00"
                        : random.nextInt(100_000) + "." + String.format("%02d", random.nextInt(100));
                history.add(product(id, v, price, CURRENCIES.get(random.nextInt(CURRENCIES.size())),
                        T0.plusMillis(random.nextInt(5_000))));
            }
            histories.add(history);
            latest.put(id, history.get(history.size() - 1));
        }
        // Products are written side by side, the versions of each in order, as concurrent uploads would.
        ProductRepository store = repository();
        ForkJoinPool writers = new ForkJoinPool(4);
        try {
            writers.submit(() -> histories.parallelStream().forEach(history -> history.forEach(store::saveNewVersion)))
                    .get();
        } finally {
            writers.shutdown();
        }
        List<ProductFilter> filters = new ArrayList<>(List.of(ProductFilter.ALL,
                ProductFilter.updatedSince(T0), ProductFilter.updatedSince(T0.plusMillis(2_500)),
                ProductFilter.updatedSince(T0.plusSeconds(10))));
        for (String currency : List.of("EUR", "USD", "JPY", "GBP")) {
            filters.add(ProductFilter.inCurrency(currency, null, null));
            filters.add(ProductFilter.inCurrency(currency, new BigDecimal("1.00"), new BigDecimal("4.00")));
            int low = random.nextInt(50_000);
            filters.add(ProductFilter.inCurrency(currency, new BigDecimal(low + ".00"), null));
            filters.add(ProductFilter.inCurrency(currency, null, new BigDecimal(low + ".99")));
            filters.add(ProductFilter.inCurrency(currency, new BigDecimal(low + ".01"), new BigDecimal((low + 5_000) + ".00")));
        }

        for (ProductFilter filter : filters) {
            // when
            int pageSize = 10 + random.nextInt(91);
            List<Product> walked = walk(filter, pageSize);

            // then
            List<Product> expected = latest.values().stream().filter(filter::matches).sorted(filter.comparator()).toList();
            assertThat(walked).as("%s in pages of %d", filter, pageSize).isEqualTo(expected);
            assertThat(listing().findLatest(filter, null, 7)).as("first page of %s", filter)
                    .isEqualTo(expected.subList(0, Math.min(7, expected.size())));
        }
    }
}
