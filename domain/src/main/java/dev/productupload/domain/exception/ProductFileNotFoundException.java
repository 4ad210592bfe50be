package dev.productupload.domain.exception;

/** The product exists, but has no file with the id asked for. */
public final class ProductFileNotFoundException extends ProductUploadException {

    public ProductFileNotFoundException(String productId, String fileId) {
        super("product '" + productId + "' has no file '" + fileId + "'");
    }
}
