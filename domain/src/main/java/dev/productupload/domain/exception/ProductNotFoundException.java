package dev.productupload.domain.exception;

/** The request names a product that does not exist and gives no fields to create it. */
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
