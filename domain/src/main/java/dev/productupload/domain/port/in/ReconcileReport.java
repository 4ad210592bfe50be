package dev.productupload.domain.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reconciliation run found and did (or, in a dry run, would have done).
 *
 * @param dryRun         nothing was changed
 * @param startedAt      when the run started reading references
 * @param cutoff         versions stored before this and referenced by nothing were erased
 * @param took           how long the run took
 * @param references     file references read from product versions
 * @param versions       file versions listed (delete markers not counted)
 * @param deleteMarkers  delete markers listed
 * @param referenced     listed versions some product version references, kept
 * @param tooYoung       unreferenced versions and markers stored after the cutoff, kept for a later run
 * @param orphans        unreferenced versions erased
 * @param orphanMarkers  delete markers over no referenced version, erased
 * @param restored       delete markers removed because they hid a referenced version
 * @param dangling       references to a version that does not exist
 * @param staleLatest    products whose latest-version marker was missing or behind, repaired (product ids listed)
 */
public record ReconcileReport(boolean dryRun, Instant startedAt, Instant cutoff, Duration took,
                              long references, long versions, long deleteMarkers, long referenced, long tooYoung,
                              Found orphans, Found orphanMarkers, Found restored, Found dangling,
                              Found staleLatest) {

    public ReconcileReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(orphans, "orphans");
        Objects.requireNonNull(orphanMarkers, "orphanMarkers");
        Objects.requireNonNull(restored, "restored");
        Objects.requireNonNull(dangling, "dangling");
        Objects.requireNonNull(staleLatest, "staleLatest");
    }

    /** How many of a kind, and the first of them ({@code key@versionId}, bounded by the command's maxListed). */
    public record Found(long count, List<String> listed) {
        public Found {
            listed = List.copyOf(listed);
        }
    }
}
