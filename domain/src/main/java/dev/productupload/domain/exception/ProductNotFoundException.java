package dev.productupload.domain.exception;

/** The request names a product of which no version exists (and, for an upload, gives no fields to create it). */
public final class ProductNotFoundException extends ProductUploadException {

    private final String productId;

    public ProductNotFoundException(String productId) {
        super("product '" + productId + "' does not exist");
        this.productId = productId;
    }

    public String productId() {
        return productId;
    }
}
