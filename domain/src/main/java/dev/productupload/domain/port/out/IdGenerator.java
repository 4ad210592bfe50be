package dev.productupload.domain.port.out;

import java.util.UUID;

/** Source of new product and file ids; tests pass a predictable one. */
@FunctionalInterface
public interface IdGenerator {

    String newId();

    /** Random UUIDs, for production. */
    static IdGenerator randomUuids() {
        return () -> UUID.randomUUID().toString();
    }
}
