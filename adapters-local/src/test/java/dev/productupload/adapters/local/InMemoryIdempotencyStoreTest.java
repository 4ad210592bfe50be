package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.IdempotencyStoreContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }

    @Test
    void refusesANewKeyPastItsCapUntilRecordsExpire() {
        // given
        IdempotencyStore store = new InMemoryIdempotencyStore(2);
        store.claim(lease("caller-a", "k-1", "t-1"), T0);
        store.claim(lease("caller-a", "k-2", "t-2"), T0);

        // when / then
        assertThatThrownBy(() -> store.claim(lease("caller-a", "k-3", "t-3"), T0))
                .isInstanceOf(StorageFullException.class);
        assertThat(store.claim(lease("caller-a", "k-1", "t-4"), T0)).isPresent();
        assertThat(store.claim(lease("caller-a", "k-3", "t-3"), T0.plus(LEASE))).isEmpty();
    }
}
