package dev.productupload.domain.port.out;

import dev.productupload.domain.model.Product;

import java.util.List;
import java.util.Optional;

/** Stores products as a history of versions, one entry per accepted change. */
public interface ProductRepository {

    /**
     * The newest version of a product.
     *
     * @return empty when no version of the product exists
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Optional<Product> findLatest(String productId);

    /**
     * One version exactly as it was saved.
     *
     * @return empty when that version of the product does not exist
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Optional<Product> findVersion(String productId, long version);

    /**
     * Versions older than {@code beforeVersion}, newest first: the page of a product's history that starts where
     * the previous page ended ({@link Long#MAX_VALUE} for the newest page).
     *
     * @param limit at most this many versions, 1 or more
     * @return fewer than {@code limit} only when no older version is left; empty for an unknown product
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    List<Product> findVersionsBefore(String productId, long beforeVersion, int limit);

    /**
     * Saves {@code product} as version {@code product.version()}, only if no entry with that version exists
     * yet, so two writers can never both create the same version.
     *
     * @throws dev.productupload.domain.exception.VersionConflictException when that version already exists
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void saveNewVersion(Product product);
}
