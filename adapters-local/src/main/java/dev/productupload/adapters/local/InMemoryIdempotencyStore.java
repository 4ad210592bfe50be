package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the records of keyed writes in memory, one per caller and key; every change is atomic. Thread-safe. It holds
 * at most {@code maxRecords} ({@value #DEFAULT_MAX_RECORDS} by default): a claim of a new key past it first drops
 * the expired records, and is refused as "storage full" if that made no room.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    public static final int DEFAULT_MAX_RECORDS = 20_000;
    private static final String BACKEND = "in-memory idempotency store";

    private record Id(String scope, String key) {
    }

    private final Map<Id, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final int maxRecords;

    public InMemoryIdempotencyStore() {
        this(DEFAULT_MAX_RECORDS);
    }

    /** @param maxRecords the most records held at once */
    public InMemoryIdempotencyStore(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be 1 or more");
        }
        this.maxRecords = maxRecords;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord inProgress, Instant now) {
        Id id = new Id(inProgress.scope(), inProgress.key());
        if (records.size() >= maxRecords && !records.containsKey(id)) {
            records.values().removeIf(record -> record.hasExpiredAt(now));
            if (records.size() >= maxRecords) {
                throw new StorageFullException(BACKEND, "it holds " + maxRecords + " live records");
            }
        }
        IdempotencyRecord[] holder = new IdempotencyRecord[1];
        records.compute(id, (same, existing) -> {
            if (existing == null || existing.hasExpiredAt(now)
                    || existing.leaseToken().equals(inProgress.leaseToken()) && !existing.isCompleted()) {
                return inProgress;
            }
            holder[0] = existing;
            return existing;
        });
        return Optional.ofNullable(holder[0]);
    }

    @Override
    public boolean complete(IdempotencyRecord completed) {
        boolean[] replaced = new boolean[1];
        records.computeIfPresent(new Id(completed.scope(), completed.key()), (id, existing) -> {
            replaced[0] = existing.leaseToken().equals(completed.leaseToken());
            return replaced[0] ? completed : existing;
        });
        return replaced[0];
    }

    @Override
    public void release(String scope, String key, String leaseToken) {
        records.computeIfPresent(new Id(scope, key), (id, existing) ->
                existing.leaseToken().equals(leaseToken) && !existing.isCompleted() ? null : existing);
    }
}
