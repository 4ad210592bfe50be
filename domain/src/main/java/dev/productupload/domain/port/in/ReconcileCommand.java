package dev.productupload.domain.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * One reconciliation run.
 *
 * @param minAge    an unreferenced version is erased only when it was stored this long before the run started; it
 *                  must exceed the longest an upload can take between storing its file and saving its product
 *                  version (ADR 8)
 * @param dryRun    report what would be done, change nothing
 * @param maxListed how many keys the report names in each list; the counts are always complete
 */
public record ReconcileCommand(Duration minAge, boolean dryRun, int maxListed) {

    public static final Duration DEFAULT_MIN_AGE = Duration.ofHours(1);
    public static final int DEFAULT_MAX_LISTED = 100;

    public ReconcileCommand {
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must not be negative");
        }
        if (maxListed < 0) {
            throw new IllegalArgumentException("maxListed must not be negative");
        }
    }

    public static ReconcileCommand defaults() {
        return new ReconcileCommand(DEFAULT_MIN_AGE, false, DEFAULT_MAX_LISTED);
    }
}
