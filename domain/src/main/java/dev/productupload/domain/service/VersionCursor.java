package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidCursorException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The page cursor of a product's versions: the version the next page starts below, bound to the product id and
 * sealed with a digest, in base64url. Not secret and needs no key, so every instance and every store reads
 * the same cursor; an edited, cut or foreign cursor fails the seal or the binding. Forging one with a valid seal
 * only reaches versions of the same product that the caller can read anyway.
 */
final class VersionCursor {

    private static final String FORMAT = "v1";
    private static final int SEAL_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private VersionCursor() {
    }

    /** The cursor of the page that holds the versions below {@code beforeVersion}. */
    static String encode(String productId, long beforeVersion) {
        byte[] payload = payload(productId, beforeVersion);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(seal(payload));
    }

    /**
     * @return the version the page starts below
     * @throws InvalidCursorException unless {@link #encode} gave exactly this cursor for this product
     */
    static long decode(String productId, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot < 0 || cursor.length() > 512) {
            throw new InvalidCursorException();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] seal = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(seal, seal(payload))) {
                throw new InvalidCursorException();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3 || !FORMAT.equals(parts[0]) || !productId.equals(parts[1])) {
                throw new InvalidCursorException();
            }
            long beforeVersion = Long.parseLong(parts[2]);
            if (beforeVersion < 2 || !cursor.equals(encode(productId, beforeVersion))) {
                throw new InvalidCursorException();
            }
            return beforeVersion;
        } catch (IllegalArgumentException notBase64OrNotANumber) {
            throw new InvalidCursorException();
        }
    }

    private static byte[] payload(String productId, long beforeVersion) {
        return (FORMAT + "\n" + productId + "\n" + beforeVersion).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seal(byte[] payload) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(payload), SEAL_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
