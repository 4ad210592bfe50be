package dev.productupload.domain.port.out;

import java.util.List;

/**
 * Where a store marks which version of a product is the latest with a write of its own, after the version's
 * (ADR 13): a crash between the two leaves the marker missing or behind. The next write of the product repairs it;
 * so does a reconciler through this port. A store that needs no marker finds nothing stale.
 */
public interface LatestMarkers {

    /**
     * Products whose marker is missing or names an older version than their newest, read with consistent reads.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    List<String> findStale();

    /**
     * Points the marker of {@code productId} at its newest version; never moves a marker back.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void repair(String productId);

    /** The markers of a store that lists from its versions directly. */
    LatestMarkers NONE = new LatestMarkers() {
        @Override
        public List<String> findStale() {
            return List.of();
        }

        @Override
        public void repair(String productId) {
            // Nothing is marked, so nothing can be stale.
        }
    };
}
