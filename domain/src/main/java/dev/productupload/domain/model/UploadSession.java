package dev.productupload.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A staged upload the API handed out: the one key the client may put its file under, what the file must be, and
 * until when it can be completed. Created once, never changed; it becomes a product's file only when completed.
 */
public record UploadSession(
        String uploadId,
        String productId,
        String key,
        String fileName,
        String contentType,
        long size,
        Checksum checksum,
        Instant createdAt,
        Instant expiresAt) {

    public UploadSession {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (size < 1) {
            throw new IllegalArgumentException("size must be 1 or more");
        }
    }

    /** Whether the session can still be completed at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
