package dev.productupload.domain.port.out;

import dev.productupload.domain.model.Product;

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
     * Saves {@code product} as version {@code product.version()}, only if no entry with that version exists
     * yet, so two writers can never both create the same version.
     *
     * @throws dev.productupload.domain.exception.VersionConflictException when that version already exists
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void saveNewVersion(Product product);
}
