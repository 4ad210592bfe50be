package dev.productupload.domain.port.out;

import java.util.List;
import java.util.Objects;

/** Every file version that some product version references, read page by page. */
public interface ReferenceInventory {

    /**
     * One page of references, from every version of every product.
     *
     * @param pageToken null for the first page, else the {@link Page#next()} of the page before
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Page list(String pageToken);

    /** Product version {@code version} of {@code productId} names file version {@code versionId} of {@code key}. */
    record Reference(String productId, long version, String key, String versionId) {
        public Reference {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
        }
    }

    /** References of one page, and the token of the next page, null after the last. */
    record Page(List<Reference> references, String next) {
        public Page {
            references = List.copyOf(references);
        }
    }
}
