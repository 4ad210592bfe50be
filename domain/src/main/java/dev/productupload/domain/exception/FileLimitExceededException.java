package dev.productupload.domain.exception;

/** The product already has the maximum number of files. */
public final class FileLimitExceededException extends ProductUploadException {

    public FileLimitExceededException(String productId, int limit) {
        super("product '" + productId + "' already has the maximum of " + limit + " files");
    }
}
