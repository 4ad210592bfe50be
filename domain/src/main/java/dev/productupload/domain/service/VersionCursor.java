package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidCursorException;

/** The page cursor of a product's versions: the version the next page starts below, bound to the product id. */
final class VersionCursor {

    private static final String FORMAT = "v1";

    private VersionCursor() {
    }

    /** The cursor of the page that holds the versions below {@code beforeVersion}. */
    static String encode(String productId, long beforeVersion) {
        return SealedCursor.encode(FORMAT, productId, Long.toString(beforeVersion));
    }

    /**
     * @return the version the page starts below
     * @throws InvalidCursorException unless {@link #encode} gave exactly this cursor for this product
     */
    static long decode(String productId, String cursor) {
        String position = SealedCursor.decode(FORMAT, productId, cursor);
        try {
            long beforeVersion = Long.parseLong(position);
            if (beforeVersion < 2 || !cursor.equals(encode(productId, beforeVersion))) {
                throw new InvalidCursorException();
            }
            return beforeVersion;
        } catch (NumberFormatException notANumber) {
            throw new InvalidCursorException();
        }
    }
}
