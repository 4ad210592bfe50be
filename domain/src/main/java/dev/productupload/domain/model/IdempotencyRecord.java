package dev.productupload.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one client-chosen key within one caller's scope: the hash of the request that first used
 * it, the lease of the execution that holds it ({@code leaseToken}), and once that execution answered, the answer
 * to give again. The record counts as absent from {@code expiresAt} on, whatever the store still holds; stores
 * keep whole seconds, so {@code expiresAt} is rounded up to one.
 */
public record IdempotencyRecord(String scope, String key, String requestHash, String leaseToken, Instant expiresAt,
                                StoredResponse response) {

    public IdempotencyRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(leaseToken, "leaseToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        expiresAt = expiresAt.getNano() == 0 ? expiresAt : Instant.ofEpochSecond(expiresAt.getEpochSecond() + 1);
    }

    /** The mark of an execution that has not answered yet. */
    public static IdempotencyRecord inProgress(String scope, String key, String requestHash, String leaseToken,
                                               Instant expiresAt) {
        return new IdempotencyRecord(scope, key, requestHash, leaseToken, expiresAt, null);
    }

    /** This record with the answer of its execution, remembered until {@code until}. */
    public IdempotencyRecord completedWith(StoredResponse answer, Instant until) {
        return new IdempotencyRecord(scope, key, requestHash, leaseToken, until, Objects.requireNonNull(answer));
    }

    public boolean isCompleted() {
        return response != null;
    }

    public boolean hasExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
