package dev.productupload.adapters.local.internal;

import dev.productupload.domain.model.Checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/** A checksum computed over bytes as they stream past, in the form S3 reports it. */
public final class RunningChecksum {

    private final String algorithm;
    private final CRC32C crc;
    private final MessageDigest sha256;

    private RunningChecksum(String algorithm) {
        this.algorithm = algorithm;
        this.crc = Checksum.CRC32C.equals(algorithm) ? new CRC32C() : null;
        this.sha256 = Checksum.SHA256.equals(algorithm) ? sha256() : null;
        if (crc == null && sha256 == null) {
            throw new IllegalArgumentException("unsupported checksum algorithm " + algorithm);
        }
    }

    public static RunningChecksum of(String algorithm) {
        return new RunningChecksum(algorithm);
    }

    public void update(byte[] bytes, int offset, int length) {
        if (crc != null) {
            crc.update(bytes, offset, length);
        } else {
            sha256.update(bytes, offset, length);
        }
    }

    public Checksum value() {
        byte[] value = crc != null
                ? ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array()
                : sha256.digest();
        return new Checksum(algorithm, Base64.getEncoder().encodeToString(value));
    }

    /** The checksum of {@code algorithm} over all of {@code bytes}. */
    public static Checksum over(String algorithm, byte[] bytes) {
        RunningChecksum running = of(algorithm);
        running.update(bytes, 0, bytes.length);
        return running.value();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
