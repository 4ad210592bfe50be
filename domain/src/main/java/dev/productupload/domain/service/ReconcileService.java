package dev.productupload.domain.service;

import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.ReconcileFilesUseCase;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.domain.port.out.FileInventory;
import dev.productupload.domain.port.out.FileInventory.StoredVersion;
import dev.productupload.domain.port.out.LatestMarkers;
import dev.productupload.domain.port.out.ReferenceInventory;
import dev.productupload.domain.port.out.ReferenceInventory.Reference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads every reference first, then lists the versions under {@code products/}: a version an upload stored before
 * the cutoff (the start of the run less the minimum age) had its product version saved, if ever, before the
 * references were read, so it is either among them or never will be (ADR 8). The same order makes a reference
 * whose version is not in the listing truly dangling: the version was stored before its reference was written.
 * Last, it points every latest-version marker that a crash left missing or behind at the product's newest version
 * (ADR 13).
 */
public final class ReconcileService implements ReconcileFilesUseCase {

    /** Every file an upload stores lives under this prefix. */
    public static final String FILE_PREFIX = "products/";

    private final ReferenceInventory references;
    private final FileInventory files;
    private final LatestMarkers markers;
    private final Clock clock;

    /** A reconciler of a store that marks no latest version. */
    public ReconcileService(ReferenceInventory references, FileInventory files, Clock clock) {
        this(references, files, LatestMarkers.NONE, clock);
    }

    public ReconcileService(ReferenceInventory references, FileInventory files, LatestMarkers markers, Clock clock) {
        this.references = Objects.requireNonNull(references, "references");
        this.files = Objects.requireNonNull(files, "files");
        this.markers = Objects.requireNonNull(markers, "markers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ReconcileReport reconcile(ReconcileCommand command) {
        Instant startedAt = clock.instant();
        Instant cutoff = startedAt.minus(command.minAge());
        Map<String, Map<String, Reference>> referencedByKey = new HashMap<>();
        long referenceCount = 0;
        String token = null;
        do {
            ReferenceInventory.Page page = references.list(token);
            for (Reference reference : page.references()) {
                referenceCount++;
                referencedByKey.computeIfAbsent(reference.key(), key -> new HashMap<>())
                        .putIfAbsent(reference.versionId(), reference);
            }
            token = page.next();
        } while (token != null);

        Tally orphans = new Tally(command.maxListed());
        Tally orphanMarkers = new Tally(command.maxListed());
        Tally restored = new Tally(command.maxListed());
        Set<Reference> found = new HashSet<>();
        long versions = 0;
        long markers = 0;
        long referenced = 0;
        long tooYoung = 0;
        List<Runnable> changes = new ArrayList<>();
        FileInventory.Page page = files.list(FILE_PREFIX, null);
        while (page != null) {
            for (StoredVersion stored : page.versions()) {
                Map<String, Reference> ofKey = referencedByKey.get(stored.key());
                boolean old = stored.storedAt().isBefore(cutoff);
                if (stored.deleteMarker()) {
                    markers++;
                    if (ofKey != null) {
                        // A marker over a referenced file: an upload whose save was not confirmed hid it, and it was saved.
                        restored.add(stored);
                        changes.add(() -> files.removeDeleteMarker(stored.key(), stored.versionId()));
                    } else if (old) {
                        orphanMarkers.add(stored);
                        changes.add(() -> files.purge(stored.key(), stored.versionId()));
                    } else {
                        tooYoung++;
                    }
                    continue;
                }
                versions++;
                Reference reference = ofKey == null ? null : ofKey.get(stored.versionId());
                if (reference != null) {
                    referenced++;
                    found.add(reference);
                } else if (old) {
                    orphans.add(stored);
                    changes.add(() -> files.purge(stored.key(), stored.versionId()));
                } else {
                    tooYoung++;
                }
            }
            // The next page is read before this one's changes are made: a listing never resumes from a version it erased.
            FileInventory.Page next = page.next() == null ? null : files.list(FILE_PREFIX, page.next());
            if (!command.dryRun()) {
                changes.forEach(Runnable::run);
            }
            changes.clear();
            page = next;
        }

        Tally dangling = new Tally(command.maxListed());
        for (Map<String, Reference> ofKey : referencedByKey.values()) {
            for (Reference reference : ofKey.values()) {
                if (!found.contains(reference) && !files.exists(reference.key(), reference.versionId())) {
                    dangling.add(reference.key() + "@" + reference.versionId() + " (product " + reference.productId()
                            + " version " + reference.version() + ")");
                }
            }
        }
        Tally staleLatest = new Tally(command.maxListed());
        for (String productId : this.markers.findStale()) {
            staleLatest.add(productId);
            if (!command.dryRun()) {
                this.markers.repair(productId);
            }
        }
        return new ReconcileReport(command.dryRun(), startedAt, cutoff, Duration.between(startedAt, clock.instant()),
                referenceCount, versions, markers, referenced, tooYoung,
                orphans.found(), orphanMarkers.found(), restored.found(), dangling.found(), staleLatest.found());
    }

    /** A count, and the first few of what was counted. */
    private static final class Tally {
        private final int maxListed;
        private final List<String> listed = new ArrayList<>();
        private long count;

        Tally(int maxListed) {
            this.maxListed = maxListed;
        }

        void add(StoredVersion version) {
            add(version.key() + "@" + version.versionId());
        }

        void add(String entry) {
            count++;
            if (listed.size() < maxListed) {
                listed.add(entry);
            }
        }

        ReconcileReport.Found found() {
            return new ReconcileReport.Found(count, listed);
        }
    }
}
