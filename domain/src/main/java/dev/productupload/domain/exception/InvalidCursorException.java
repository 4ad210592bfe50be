package dev.productupload.domain.exception;

/** A page cursor that this service did not issue for this product: edited, cut short, or from another product. */
public final class InvalidCursorException extends ProductUploadException {

    public InvalidCursorException() {
        super("the cursor was not issued for this product's versions; start again without a cursor");
    }
}
