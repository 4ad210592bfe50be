package dev.productupload.domain.exception;

/**
 * Another change to the product was accepted first: the version the request expected, or the version it
 * tried to write, is no longer the next one.
 */
public final class VersionConflictException extends ProductUploadException {

    private final String productId;
    private final long currentVersion;

    public VersionConflictException(String productId, long currentVersion, String message) {
        super(message);
        this.productId = productId;
        this.currentVersion = currentVersion;
    }

    /** Another request wrote {@code version} first; it is now the current version. */
    public static VersionConflictException versionTaken(String productId, long version) {
        return new VersionConflictException(productId, version,
                "version " + version + " of product '" + productId + "' was written by another request");
    }

    public static VersionConflictException notExpected(String productId, long expected, long current) {
        return new VersionConflictException(productId, current,
                "product '" + productId + "' is at version " + current + ", not the expected version " + expected);
    }

    /** The version the product is at, as far as this request saw: what a client rebases on. */
    public long currentVersion() {
        return currentVersion;
    }

    public String productId() {
        return productId;
    }
}
