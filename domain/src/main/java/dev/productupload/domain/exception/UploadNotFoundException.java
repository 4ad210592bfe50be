package dev.productupload.domain.exception;

/** No staged upload of this id exists for this product, or it can no longer be completed. */
public final class UploadNotFoundException extends ProductUploadException {

    public UploadNotFoundException(String productId, String uploadId) {
        super("product '" + productId + "' has no staged upload '" + uploadId + "' that can still be completed; "
                + "create a new one with POST /products/" + productId + "/uploads");
    }
}
