package dev.productupload.domain.exception;

/**
 * A write was sent but its answer was lost, and the store could not be asked afterwards whether it happened:
 * the change may or may not be stored. Nothing it may reference is taken back, so no stored version can point at a
 * missing file; the client reads the product to find out.
 */
public final class OutcomeUnknownException extends ProductUploadException {

    public OutcomeUnknownException(String backend, Throwable cause) {
        super(backend + " did not confirm a write and could not be asked whether it happened", cause);
    }
}
