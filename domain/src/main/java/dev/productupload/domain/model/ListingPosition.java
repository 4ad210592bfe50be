package dev.productupload.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of a listing ended: the sort fields of the last product it showed. The next page holds what comes
 * strictly after it in the filter's order. Because the order is total, this one position is where every shard of a
 * sharded index resumes. {@code price} is set for the price order, {@code updatedAt} for the change order.
 */
public record ListingPosition(String productId, BigDecimal price, Instant updatedAt) {

    public ListingPosition {
        Objects.requireNonNull(productId, "productId");
    }

    /** The position just after {@code last} in {@code order}. */
    public static ListingPosition after(Product last, ProductFilter.Order order) {
        return switch (order) {
            case PRODUCT_ID -> new ListingPosition(last.productId(), null, null);
            case PRICE -> new ListingPosition(last.productId(), last.price(), null);
            case UPDATED_AT -> new ListingPosition(last.productId(), null, last.updatedAt());
        };
    }
}
