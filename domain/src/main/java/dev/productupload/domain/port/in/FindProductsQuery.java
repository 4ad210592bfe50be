package dev.productupload.domain.port.in;

/** Lists products at their latest version: every product, a currency's price range, or what changed since. */
public interface FindProductsQuery {

    /**
     * One page of the listing that {@code search} describes.
     *
     * @throws dev.productupload.domain.exception.InvalidRequestException naming every bad parameter
     * @throws dev.productupload.domain.exception.InvalidCursorException when the cursor was not issued for this
     *                                                                   listing with these filters
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    ProductPage find(ProductSearch search);
}
