package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidCursorException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The page cursors of every list: a format (which list), a binding (which product, which filter) and a position,
 * sealed with a digest, in base64url. Not secret and needs no key, so every instance and every store reads the
 * same cursor; an edited, cut or foreign cursor (another list's, another binding's) fails the seal, the format or
 * the binding. Forging one with a valid seal only reaches what the caller can list anyway.
 */
final class SealedCursor {

    private static final int MAX_LENGTH = 1024;
    private static final int SEAL_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SealedCursor() {
    }

    /** @param format and {@code binding} hold no line feed; {@code position} may */
    static String encode(String format, String binding, String position) {
        byte[] payload = (format + "\n" + binding + "\n" + position).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(seal(payload));
    }

    /**
     * @return the position sealed in the cursor
     * @throws InvalidCursorException unless {@link #encode} gave exactly this cursor for this format and binding
     */
    static String decode(String format, String binding, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot < 0 || cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] seal = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(seal, seal(payload))) {
                throw new InvalidCursorException();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length != 3 || !format.equals(parts[0]) || !binding.equals(parts[1])
                    || !cursor.equals(encode(format, binding, parts[2]))) {
                throw new InvalidCursorException();
            }
            return parts[2];
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException();
        }
    }

    private static byte[] seal(byte[] payload) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(payload), SEAL_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
