package dev.productupload.domain.exception;

/** A page cursor that this service did not issue for this product: edited, cut short, or from another product or list. */
public final class InvalidCursorException extends ProductUploadException {

    public InvalidCursorException() {
        this("the cursor was not issued for this product's versions; start again without a cursor");
    }

    /** @param message what the cursor was not issued for, and what to do */
    public InvalidCursorException(String message) {
        super(message);
    }
}
