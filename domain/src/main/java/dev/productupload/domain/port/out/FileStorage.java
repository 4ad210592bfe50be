package dev.productupload.domain.port.out;

import dev.productupload.domain.model.Checksum;

/** Stores file bytes under a key, keeping every version apart. */
public interface FileStorage {

    /**
     * Stores {@code content} under {@code key} as a new version, and has the store verify {@code checksum}.
     *
     * @return the version id the store gave this content
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot take it
     */
    String store(String key, byte[] content, String contentType, Checksum checksum);

    /**
     * Takes back a version that no product references, so that the key reads as absent. The use case writes
     * each key once, so the key holds no other version. A store that keeps history (a versioned S3 bucket) may
     * keep the bytes as a hidden, noncurrent version until its lifecycle expires them, so that the service's
     * own credentials can never erase history (ADR 6).
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void discard(String key, String versionId);
}
