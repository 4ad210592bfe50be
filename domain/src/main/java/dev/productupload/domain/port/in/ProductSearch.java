package dev.productupload.domain.port.in;

/**
 * The parameters of a listing as the client sent them, any of them null when absent: {@code currency} (ISO 4217),
 * {@code minPrice} and {@code maxPrice} (inclusive decimals, need a currency), {@code updatedSince} (an ISO-8601
 * instant), {@code limit} (1-100) and {@code cursor} (the {@link ProductPage#nextCursor()} of the page before).
 * The service checks them and names each bad one.
 */
public record ProductSearch(String currency, String minPrice, String maxPrice, String updatedSince, String limit,
                            String cursor) {

    /** Every product, first page, default limit. */
    public static final ProductSearch ALL = new ProductSearch(null, null, null, null, null, null);

    public ProductSearch withCursor(String nextCursor) {
        return new ProductSearch(currency, minPrice, maxPrice, updatedSince, limit, nextCursor);
    }

    public ProductSearch withLimit(int pageSize) {
        return new ProductSearch(currency, minPrice, maxPrice, updatedSince, Integer.toString(pageSize), cursor);
    }
}
