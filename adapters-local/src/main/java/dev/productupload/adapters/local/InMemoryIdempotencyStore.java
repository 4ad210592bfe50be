package dev.productupload.adapters.local;

import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the records of keyed writes in memory, one per caller and key; every change is atomic. Thread-safe. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Id(String scope, String key) {
    }

    private final Map<Id, IdempotencyRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord inProgress, Instant now) {
        IdempotencyRecord[] holder = new IdempotencyRecord[1];
        records.compute(new Id(inProgress.scope(), inProgress.key()), (id, existing) -> {
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
