package dev.productupload.adapters.local;

import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
