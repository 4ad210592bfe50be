package dev.productupload.domain.port.in;

import dev.productupload.domain.model.Product;

/** Reads what uploads stored: a product's latest version, one version exactly as stored, its history, its files. */
public interface ReadProductsQuery {

    /**
     * @throws dev.productupload.domain.exception.InvalidRequestException when {@code productId} breaks the id rule
     * @throws dev.productupload.domain.exception.ProductNotFoundException when no version of it exists
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Product latest(String productId);

    /**
     * One version exactly as it was stored, with its files' object version ids and checksums.
     *
     * @throws dev.productupload.domain.exception.InvalidRequestException when the id or the version (below 1) is bad
     * @throws dev.productupload.domain.exception.ProductNotFoundException when no version of the product exists
     * @throws dev.productupload.domain.exception.ProductVersionNotFoundException when that version does not
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Product version(String productId, long version);

    /**
     * One page of a product's versions, newest first.
     *
     * @param limit  1 to {@link dev.productupload.domain.model.ProductRules#VERSIONS_PAGE_MAX}
     * @param cursor null for the first page, else the {@link VersionPage#nextCursor()} of the previous page
     * @throws dev.productupload.domain.exception.InvalidRequestException when the id or the limit is bad
     * @throws dev.productupload.domain.exception.InvalidCursorException when the cursor was not issued for this product
     * @throws dev.productupload.domain.exception.ProductNotFoundException when no version of the product exists
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    VersionPage versions(String productId, int limit, String cursor);

    /**
     * A short-lived link to exactly the stored object version of one of the product's files.
     *
     * @throws dev.productupload.domain.exception.InvalidRequestException when the id breaks the id rule
     * @throws dev.productupload.domain.exception.ProductNotFoundException when no version of the product exists
     * @throws dev.productupload.domain.exception.ProductFileNotFoundException when the product has no such file
     * @throws dev.productupload.domain.exception.BackendUnavailableException when a store cannot answer
     */
    FileDownload download(String productId, String fileId);
}
