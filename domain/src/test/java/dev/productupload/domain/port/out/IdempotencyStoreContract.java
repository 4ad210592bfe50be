package dev.productupload.domain.port.out;

import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.model.StoredResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link IdempotencyStore} must do; each adapter's test extends it (in memory, on disk, DynamoDB on
 * dynalite). Time is passed in, so expiry is tested without waiting.
 */
public abstract class IdempotencyStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(35);
    protected static final Duration REMEMBERED = Duration.ofHours(24);
    protected static final StoredResponse CREATED = new StoredResponse(201,
            Map.of("Content-Type", "application/json"),
            "{\"requestId\":\"r-1\",\"product\":{\"productId\":\"p-1\",\"version\":1}}".getBytes(StandardCharsets.UTF_8));

    /** A store with no records. */
    protected abstract IdempotencyStore store();

    protected static IdempotencyRecord lease(String scope, String key, String token) {
        return IdempotencyRecord.inProgress(scope, key, "hash-1", token, T0.plus(LEASE));
    }

    @Test
    void givesAFreeKeyToTheFirstClaim() {
        assertThat(store().claim(lease("caller-a", "k-1", "t-1"), T0)).isEmpty();
    }

    @Test
    void showsASecondClaimTheLeaseThatHoldsTheKey() {
        // given
        IdempotencyStore store = store();
        store.claim(lease("caller-a", "k-1", "t-1"), T0);

        // when
        Optional<IdempotencyRecord> holder = store.claim(lease("caller-a", "k-1", "t-2"), T0.plusSeconds(1));

        // then
        assertThat(holder).contains(lease("caller-a", "k-1", "t-1"));
        assertThat(holder.orElseThrow().isCompleted()).isFalse();
    }

    @Test
    void takesAClaimWithItsOwnLeaseTokenAsHeldAlready() {
        // given: a claim whose answer was lost, sent again with the same lease
        IdempotencyStore store = store();
        store.claim(lease("caller-a", "k-1", "t-1"), T0);

        // when / then
        assertThat(store.claim(lease("caller-a", "k-1", "t-1"), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void remembersTheAnswerWithStatusHeadersAndBodyIntact() {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord lease = lease("caller-a", "k-1", "t-1");
        store.claim(lease, T0);

        // when
        boolean completed = store.complete(lease.completedWith(CREATED, T0.plus(REMEMBERED)));
        Optional<IdempotencyRecord> remembered = store.claim(lease("caller-a", "k-1", "t-2"), T0.plusSeconds(60));

        // then
        assertThat(completed).isTrue();
        assertThat(remembered).isPresent();
        assertThat(remembered.get().isCompleted()).isTrue();
        assertThat(remembered.get().response()).isEqualTo(CREATED);
        assertThat(remembered.get().requestHash()).isEqualTo("hash-1");
        assertThat(remembered.get().expiresAt()).isEqualTo(T0.plus(REMEMBERED));
    }

    @Test
    void letsAnotherClaimRunOnceAnInProgressLeaseHasExpired() {
        // given: an execution that died holding the key
        IdempotencyStore store = store();
        store.claim(lease("caller-a", "k-1", "t-1"), T0);

        // when
        Optional<IdempotencyRecord> holder = store.claim(
                IdempotencyRecord.inProgress("caller-a", "k-1", "hash-1", "t-2", T0.plus(LEASE).plus(LEASE)),
                T0.plus(LEASE));

        // then
        assertThat(holder).isEmpty();
    }

    @Test
    void forgetsAnAnswerOnceItHasExpired() {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord lease = lease("caller-a", "k-1", "t-1");
        store.claim(lease, T0);
        store.complete(lease.completedWith(CREATED, T0.plus(REMEMBERED)));
        Instant later = T0.plus(REMEMBERED);

        // when
        Optional<IdempotencyRecord> holder = store.claim(
                IdempotencyRecord.inProgress("caller-a", "k-1", "hash-2", "t-2", later.plus(LEASE)), later);

        // then
        assertThat(holder).isEmpty();
    }

    @Test
    void keepsTheKeysOfOneCallerApartFromAnother() {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord lease = lease("caller-a", "k-1", "t-1");
        store.claim(lease, T0);
        store.complete(lease.completedWith(CREATED, T0.plus(REMEMBERED)));

        // when
        Optional<IdempotencyRecord> holder = store.claim(lease("caller-b", "k-1", "t-2"), T0.plusSeconds(1));

        // then
        assertThat(holder).isEmpty();
    }

    @Test
    void refusesToCompleteALeaseThatAnotherClaimTookOver() {
        // given: lease t-1 expired and t-2 took the key
        IdempotencyStore store = store();
        IdempotencyRecord first = lease("caller-a", "k-1", "t-1");
        store.claim(first, T0);
        IdempotencyRecord second = IdempotencyRecord.inProgress("caller-a", "k-1", "hash-1", "t-2",
                T0.plus(LEASE).plus(LEASE));
        store.claim(second, T0.plus(LEASE));

        // when
        boolean completed = store.complete(first.completedWith(CREATED, T0.plus(REMEMBERED)));

        // then
        assertThat(completed).isFalse();
        assertThat(store.claim(lease("caller-a", "k-1", "t-3"), T0.plus(LEASE).plusSeconds(1))).contains(second);
    }

    @Test
    void releasesOnlyTheLeaseItIsGiven() {
        // given
        IdempotencyStore store = store();
        store.claim(lease("caller-a", "k-1", "t-1"), T0);

        // when
        store.release("caller-a", "k-1", "t-other");
        Optional<IdempotencyRecord> afterForeignRelease = store.claim(lease("caller-a", "k-1", "t-2"), T0);
        store.release("caller-a", "k-1", "t-1");
        Optional<IdempotencyRecord> afterOwnRelease = store.claim(lease("caller-a", "k-1", "t-3"), T0);

        // then
        assertThat(afterForeignRelease).isPresent();
        assertThat(afterOwnRelease).isEmpty();
    }

    @Test
    void givesTheKeyToExactlyOneOfTwentyConcurrentClaims() throws Exception {
        // given
        IdempotencyStore store = store();
        int claims = 20;
        ExecutorService pool = Executors.newFixedThreadPool(claims);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<IdempotencyRecord>>> results = new ArrayList<>();
        try {
            // when
            for (int i = 0; i < claims; i++) {
                String token = "t-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.claim(lease("caller-a", "k-race", token), T0);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Optional<IdempotencyRecord>> result : results) {
                winners += result.get().isEmpty() ? 1 : 0;
            }

            // then
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
