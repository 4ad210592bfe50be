package dev.productupload.domain.exception;

/**
 * Another change to the product was accepted first: the version the request expected, or the version it
 * tried to write, is no longer the next one.
 */
public final class VersionConflictException extends ProductUploadException {

    private final String productId;

    public VersionConflictException(String productId, String message) {
        super(message);
        this.productId = productId;
    }

    public static VersionConflictException versionTaken(String productId, long version) {
        return new VersionConflictException(productId,
                "version " + version + " of product '" + productId + "' was written by another request");
    }

    public static VersionConflictException notExpected(String productId, long expected, long current) {
        return new VersionConflictException(productId,
                "product '" + productId + "' is at version " + current + ", not the expected version " + expected);
    }

    public String productId() {
        return productId;
    }
}
