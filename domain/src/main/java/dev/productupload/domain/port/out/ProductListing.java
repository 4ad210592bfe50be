package dev.productupload.domain.port.out;

import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;

import java.util.List;

/**
 * The latest version of every product, filtered and ordered as {@link ProductFilter} says: the read side of the
 * store beside {@link ProductRepository}, which it may lag (an index is eventually consistent), never by showing a
 * product twice.
 */
public interface ProductListing {

    /**
     * Latest versions that match {@code filter} and come strictly after {@code after}, in the filter's order.
     *
     * @param after null for the first page
     * @param limit at most this many products, 1 or more
     * @return fewer than {@code limit} only when no matching product is left
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    List<Product> findLatest(ProductFilter filter, ListingPosition after, int limit);
}
