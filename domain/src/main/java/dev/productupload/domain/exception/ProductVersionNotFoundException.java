package dev.productupload.domain.exception;

/** The product exists, but not in the version asked for. */
public final class ProductVersionNotFoundException extends ProductUploadException {

    public ProductVersionNotFoundException(String productId, long version) {
        super("product '" + productId + "' has no version " + version);
    }
}
