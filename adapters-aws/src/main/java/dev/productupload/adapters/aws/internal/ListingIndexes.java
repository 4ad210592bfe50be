package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The head item of a product and the three sparse indexes over it (ADR 13). The head sits beside the versions at
 * version {@value #HEAD_VERSION}, holds a copy of the latest version (its number in {@value #LATEST_VERSION}) and is
 * the only item with index keys, so each index holds one entry per product. The index partition keys are sharded
 * by a hash of the product id, {@value #SHARDS} ways, so no index partition takes more than its share of the writes;
 * sort keys are strings that sort as the listing does: a fixed-width count of cents or of nanoseconds, then the id.
 */
public final class ListingIndexes {

    /** Shards per index key: 1,000 uploads a second are 125 index writes a second per shard partition. */
    public static final int SHARDS = 8;
    /** The sort key of the head item; versions start at 1. */
    public static final long HEAD_VERSION = 0;
    public static final String LATEST_VERSION = "latestVersion";

    public static final String BY_PRODUCT_ID = "byProductId";
    public static final String BY_PRICE = "byPrice";
    public static final String BY_CHANGE = "byChange";
    /** Partition key of {@link #BY_PRODUCT_ID} and {@link #BY_CHANGE}: the shard, "0" to "7". */
    public static final String LIST_SHARD = "listShard";
    /** Partition key of {@link #BY_PRICE}: the currency and the shard, "EUR#3". */
    public static final String PRICE_SHARD = "priceShard";
    /** Sort key of {@link #BY_PRICE}: 12 digits of cents, '#', the product id. */
    public static final String PRICE_KEY = "priceKey";
    /** Sort key of {@link #BY_CHANGE}: 12 digits of epoch seconds, 9 of nanoseconds, '#', the product id. */
    public static final String CHANGE_KEY = "changeKey";

    private static final int CENT_DIGITS = 12;
    /** Sorts after every key of one price or instant: '$' comes after '#', '~' after every digit. */
    private static final String AFTER_ALL_IDS = "$";
    private static final String AFTER_ALL_KEYS = "~";

    private ListingIndexes() {
    }

    /** Stable for a product id whichever JVM computes it: {@link String#hashCode()} is specified by the JLS. */
    public static String shard(String productId) {
        return Integer.toString(Math.floorMod(productId.hashCode(), SHARDS));
    }

    public static List<String> shards() {
        return IntStream.range(0, SHARDS).mapToObj(Integer::toString).toList();
    }

    /** The head item of {@code latest}: the version's item at version 0 with the index keys. */
    public static Map<String, AttributeValue> head(Map<String, AttributeValue> versionItem, Product latest) {
        Map<String, AttributeValue> head = new HashMap<>(versionItem);
        head.put(ProductItems.SORT_KEY, AttributeValue.fromN(Long.toString(HEAD_VERSION)));
        head.put(LATEST_VERSION, AttributeValue.fromN(Long.toString(latest.version())));
        String shard = shard(latest.productId());
        head.put(LIST_SHARD, AttributeValue.fromS(shard));
        head.put(PRICE_SHARD, AttributeValue.fromS(priceShard(latest.currency(), shard)));
        head.put(PRICE_KEY, AttributeValue.fromS(priceKey(latest.price(), latest.productId())));
        head.put(CHANGE_KEY, AttributeValue.fromS(changeKey(latest.updatedAt(), latest.productId())));
        return head;
    }

    /** A head item, from the table or an index, back as the version it copies. */
    public static Product fromHead(Map<String, AttributeValue> head) {
        Map<String, AttributeValue> item = new HashMap<>(head);
        item.put(ProductItems.SORT_KEY, head.get(LATEST_VERSION));
        return ProductItems.toProduct(ProductItems.SCHEMA.mapToItem(item));
    }

    public static String priceShard(String currency, String shard) {
        return currency + "#" + shard;
    }

    /** Exact: the price's cents as a whole number, never through a double. */
    public static String priceKey(BigDecimal price, String productId) {
        return cents(price) + "#" + productId;
    }

    public static String changeKey(Instant updatedAt, String productId) {
        return instant(updatedAt) + "#" + productId;
    }

    /**
     * The inclusive sort-key range of one shard's query, or null when it is empty. It includes the key of
     * {@code after} itself, which the caller drops: BETWEEN has no exclusive bound.
     */
    public static String[] sortKeyRange(ProductFilter filter, ListingPosition after) {
        String lower;
        String upper = AFTER_ALL_KEYS;
        if (filter.order() == ProductFilter.Order.PRICE) {
            lower = filter.minPrice() == null ? "" : cents(filter.minPrice()) + "#";
            if (filter.maxPrice() != null) {
                upper = cents(filter.maxPrice()) + AFTER_ALL_IDS;
            }
            if (after != null) {
                lower = max(lower, priceKey(after.price(), after.productId()));
            }
        } else {
            lower = instant(filter.updatedSince());
            if (after != null) {
                lower = max(lower, changeKey(after.updatedAt(), after.productId()));
            }
        }
        if (lower.isEmpty()) {
            lower = "0";
        }
        return lower.compareTo(upper) > 0 ? null : new String[] {lower, upper};
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String cents(BigDecimal price) {
        BigInteger cents = price.setScale(2).unscaledValue();
        String digits = cents.toString();
        if (cents.signum() < 0 || digits.length() > CENT_DIGITS) {
            throw new IllegalArgumentException("a listed price is 0 to 9,999,999,999.99: " + price);
        }
        return "0".repeat(CENT_DIGITS - digits.length()) + digits;
    }

    private static String instant(Instant instant) {
        if (instant.getEpochSecond() < 0) {
            throw new IllegalArgumentException("a listed change is after 1970: " + instant);
        }
        return String.format("%012d%09d", instant.getEpochSecond(), instant.getNano());
    }
}
