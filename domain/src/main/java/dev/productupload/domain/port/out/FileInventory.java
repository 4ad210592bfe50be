package dev.productupload.domain.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every version a file store holds under a prefix, hidden ones and delete markers included, and the two changes a
 * reconciler makes to them. Separate from {@link FileStorage}: only the reconciler erases history (ADR 6, ADR 8).
 */
public interface FileInventory {

    /**
     * One page of versions under {@code prefix}, in the store's order.
     *
     * @param pageToken null for the first page, else the {@link Page#next()} of the page before
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Page list(String prefix, String pageToken);

    /**
     * Whether this exact version is stored, hidden behind a delete marker or not: the check a reference gets before
     * it is reported dangling, since a listing that runs beside writes is no proof of absence on every store.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    boolean exists(String key, String versionId);

    /**
     * Erases one version (or one delete marker) for good: nothing can bring it back.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void purge(String key, String versionId);

    /**
     * Removes a delete marker, so that the version under it reads as the key's content again.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void removeDeleteMarker(String key, String markerVersionId);

    /**
     * A stored version of a key, or a delete marker over it; {@code storedAt} is when the store made it.
     */
    record StoredVersion(String key, String versionId, Instant storedAt, boolean deleteMarker) {
        public StoredVersion {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(storedAt, "storedAt");
        }
    }

    /** Versions of one page, and the token of the next page, null after the last. */
    record Page(List<StoredVersion> versions, String next) {
        public Page {
            versions = List.copyOf(versions);
        }
    }
}
