package dev.productupload.domain.port.in;

import dev.productupload.domain.exception.Violation;

import java.util.List;

/**
 * Files of any size: the client is handed a short-lived URL, sends the bytes straight to storage, which checks
 * size, type and checksum, and then completes the upload, which records it as a new product version.
 */
public interface StagedUploadUseCase {

    /**
     * @throws dev.productupload.domain.exception.InvalidRequestException when the command breaks a rule
     * @throws dev.productupload.domain.exception.BackendUnavailableException when a store cannot be reached
     */
    UploadTicket create(CreateUploadCommand command);

    /**
     * The rules {@code command} breaks on its own, without reading or writing anything.
     *
     * @return every violation, sorted by field; empty when the command is valid
     */
    List<Violation> check(CreateUploadCommand command);

    /**
     * Records the stored file as a new product version. Completing an upload again gives the version the first
     * completion recorded, never a second one.
     *
     * @throws dev.productupload.domain.exception.UploadNotFoundException when the upload is unknown or expired
     * @throws dev.productupload.domain.exception.UploadIncompleteException when its file is not stored as announced
     * @throws dev.productupload.domain.exception.InvalidRequestException when the product data breaks a rule
     * @throws dev.productupload.domain.exception.ProductNotFoundException when the product does not exist and the
     *         command gives no fields to create it
     * @throws dev.productupload.domain.exception.VersionConflictException when another change won
     * @throws dev.productupload.domain.exception.FileLimitExceededException when the product has no room for a file
     * @throws dev.productupload.domain.exception.BackendUnavailableException when a store cannot be reached
     */
    UploadResult complete(CompleteUploadCommand command);
}
