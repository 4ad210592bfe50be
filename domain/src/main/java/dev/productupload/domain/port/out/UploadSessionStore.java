package dev.productupload.domain.port.out;

import dev.productupload.domain.model.UploadSession;

import java.time.Instant;
import java.util.Optional;

/**
 * The staged uploads handed out, each kept until its {@code expiresAt}. A session whose {@code expiresAt} has
 * passed is treated as absent, whether or not the store has deleted it yet.
 */
public interface UploadSessionStore {

    /**
     * Keeps a new session; its {@code uploadId} is unique.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot take it
     */
    void save(UploadSession session);

    /**
     * The live session of {@code productId} with {@code uploadId}.
     *
     * @return empty when there is none, when it belongs to another product, or when it has expired at {@code now}
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Optional<UploadSession> find(String productId, String uploadId, Instant now);
}
