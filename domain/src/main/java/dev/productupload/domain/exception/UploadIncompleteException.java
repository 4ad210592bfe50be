package dev.productupload.domain.exception;

/** A staged upload's file is not stored yet, or not as it was announced, so it cannot be completed. */
public final class UploadIncompleteException extends ProductUploadException {

    public UploadIncompleteException(String message) {
        super(message);
    }
}
