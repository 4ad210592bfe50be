package dev.productupload.domain.port.in;

import dev.productupload.domain.exception.Violation;

import java.util.List;

/** Stores a product change and its optional file as one new product version. */
public interface UploadProductUseCase {

    /**
     * @throws dev.productupload.domain.exception.InvalidRequestException when the command breaks a rule
     * @throws dev.productupload.domain.exception.ProductNotFoundException when it names a product that does not exist
     * @throws dev.productupload.domain.exception.VersionConflictException when another change won
     * @throws dev.productupload.domain.exception.FileLimitExceededException when the product has no room for a file
     * @throws dev.productupload.domain.exception.BackendUnavailableException when a store cannot be reached
     */
    UploadResult upload(UploadCommand command);

    /**
     * The rules {@code command} breaks on its own, without reading or writing anything: what
     * {@link #upload} would refuse as invalid before looking at stored products.
     *
     * @return every violation, sorted by field; empty when the command is valid
     */
    List<Violation> check(UploadCommand command);
}
