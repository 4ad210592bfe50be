package dev.productupload.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which products a listing returns, at their latest version, and in which order: with {@code updatedSince}, those
 * written at or after it, oldest change first; else with {@code currency}, those in that currency within the
 * inclusive price range, cheapest first; else every product by id. Ties break on {@code productId}, so the order is
 * total and a page can resume strictly after the last product it showed. Every store lists in exactly this order.
 */
public record ProductFilter(String currency, BigDecimal minPrice, BigDecimal maxPrice, Instant updatedSince) {

    /** The three orders a listing can have. */
    public enum Order { PRODUCT_ID, PRICE, UPDATED_AT }

    /** Every product, by id. */
    public static final ProductFilter ALL = new ProductFilter(null, null, null, null);

    public ProductFilter {
        if ((minPrice != null || maxPrice != null) && currency == null) {
            throw new IllegalArgumentException("a price range needs a currency");
        }
        if (updatedSince != null && currency != null) {
            throw new IllegalArgumentException("updatedSince lists in its own order, without a currency");
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new IllegalArgumentException("minPrice is above maxPrice");
        }
    }

    public static ProductFilter inCurrency(String currency, BigDecimal minPrice, BigDecimal maxPrice) {
        return new ProductFilter(Objects.requireNonNull(currency, "currency"), minPrice, maxPrice, null);
    }

    public static ProductFilter updatedSince(Instant since) {
        return new ProductFilter(null, null, null, Objects.requireNonNull(since, "since"));
    }

    public Order order() {
        if (updatedSince != null) {
            return Order.UPDATED_AT;
        }
        return currency != null ? Order.PRICE : Order.PRODUCT_ID;
    }

    /** Whether this latest version belongs in the listing. */
    public boolean matches(Product latest) {
        if (updatedSince != null) {
            return !latest.updatedAt().isBefore(updatedSince);
        }
        if (currency == null) {
            return true;
        }
        return currency.equals(latest.currency())
                && (minPrice == null || latest.price().compareTo(minPrice) >= 0)
                && (maxPrice == null || latest.price().compareTo(maxPrice) <= 0);
    }

    /** The listing's order; prices compare as exact decimals. */
    public Comparator<Product> comparator() {
        Comparator<Product> byId = Comparator.comparing(Product::productId);
        return switch (order()) {
            case PRODUCT_ID -> byId;
            case PRICE -> Comparator.comparing(Product::price).thenComparing(byId);
            case UPDATED_AT -> Comparator.comparing(Product::updatedAt).thenComparing(byId);
        };
    }

    /** Whether {@code latest} comes strictly after {@code position} in this order; everything does after null. */
    public boolean isAfter(Product latest, ListingPosition position) {
        if (position == null) {
            return true;
        }
        int byKey = switch (order()) {
            case PRODUCT_ID -> 0;
            case PRICE -> latest.price().compareTo(position.price());
            case UPDATED_AT -> latest.updatedAt().compareTo(position.updatedAt());
        };
        return byKey > 0 || byKey == 0 && latest.productId().compareTo(position.productId()) > 0;
    }

    /** A page of a listing picked from every latest version, for stores that hold them all at hand. */
    public List<Product> page(Stream<Product> latestVersions, ListingPosition after, int limit) {
        return latestVersions.filter(this::matches).filter(latest -> isAfter(latest, after))
                .sorted(comparator()).limit(limit).toList();
    }
}
