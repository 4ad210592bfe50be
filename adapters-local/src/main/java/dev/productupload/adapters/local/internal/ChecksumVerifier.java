package dev.productupload.adapters.local.internal;

import dev.productupload.domain.model.Checksum;

/** Checks that bytes match the checksum the domain computed, as S3 does on every put. */
public final class ChecksumVerifier {

    private ChecksumVerifier() {
    }

    public static void verify(byte[] content, Checksum expected) {
        if (!Checksum.CRC32C.equals(expected.algorithm())) {
            throw new IllegalArgumentException("unsupported checksum algorithm " + expected.algorithm());
        }
        Checksum actual = Checksum.crc32c(content);
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("content does not match its " + expected.algorithm() + " checksum");
        }
    }
}
