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
     * Deletes exactly one stored version, leaving any other version of the key in place.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void deleteVersion(String key, String versionId);
}
