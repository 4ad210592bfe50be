package dev.productupload.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A file that belongs to a product: where it is stored ({@code key} and the storage's {@code versionId})
 * and what it is.
 */
public record FileReference(
        String fileId,
        String key,
        String versionId,
        String fileName,
        String contentType,
        long size,
        Checksum checksum,
        Instant uploadedAt) {

    public FileReference {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /** The storage key of a product's file: {@code products/{productId}/files/{fileId}/{fileName}}. */
    public static String keyFor(String productId, String fileId, String fileName) {
        return "products/" + productId + "/files/" + fileId + "/" + fileName;
    }
}
