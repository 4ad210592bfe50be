package dev.productupload.domain.port.out;

import dev.productupload.domain.model.IdempotencyRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * The records that make a keyed write run once per caller and key: a lease taken before the write runs, turned
 * into the remembered answer when it is done. A record whose {@code expiresAt} has passed is treated as absent by
 * every operation, whether or not the store has deleted it yet.
 */
public interface IdempotencyStore {

    /**
     * Takes the key for a new execution: stores {@code inProgress} unless a record that has not expired at
     * {@code now} holds its scope and key. Atomic: of concurrent claims on one key, exactly one succeeds.
     *
     * @return empty when {@code inProgress} now holds the key; else the live record that holds it
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot be asked; the
     *         key may then be held by {@code inProgress} until it expires
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord inProgress, Instant now);

    /**
     * Replaces the in-progress record that holds {@code completed}'s key with {@code completed}, if it still
     * carries the same lease token.
     *
     * @return false when the lease was lost (it expired and another execution took the key)
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot be asked
     */
    boolean complete(IdempotencyRecord completed);

    /**
     * Removes the in-progress record of {@code scope} and {@code key} if it carries {@code leaseToken}, so that a
     * retry runs again; a record of another lease is left alone.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot be asked; the
     *         lease then expires by itself
     */
    void release(String scope, String key, String leaseToken);
}
