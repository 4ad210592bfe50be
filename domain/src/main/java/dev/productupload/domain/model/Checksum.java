package dev.productupload.domain.model;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * An integrity checksum of a file's bytes, in the form S3 verifies it: the algorithm name
 * and the base64 of the big-endian checksum value.
 */
public record Checksum(String algorithm, String value) {

    public static final String CRC32C = "CRC32C";
    /** SHA-256, the other full-object checksum S3 verifies on a single PUT. */
    public static final String SHA256 = "SHA256";

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /** CRC32C: hardware-accelerated in the JDK and verified natively by S3. */
    public static Checksum crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        byte[] value = ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array();
        return new Checksum(CRC32C, Base64.getEncoder().encodeToString(value));
    }

    /** The bytes of the value this algorithm produces: 4 for CRC32C, 32 for SHA-256; -1 for another algorithm. */
    public static int valueBytes(String algorithm) {
        return switch (algorithm) {
            case CRC32C -> Integer.BYTES;
            case SHA256 -> 32;
            default -> -1;
        };
    }
}
