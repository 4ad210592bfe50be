package dev.productupload.adapters.local;

import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.IdempotencyStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemIdempotencyStoreTest extends IdempotencyStoreContract {

    @TempDir
    Path root;

    @Override
    protected IdempotencyStore store() {
        return new FileSystemIdempotencyStore(root);
    }

    @Test
    void remembersAnAnswerAcrossARestart() {
        // given
        IdempotencyRecord lease = lease("caller-a", "k-1", "t-1");
        IdempotencyStore before = new FileSystemIdempotencyStore(root);
        before.claim(lease, T0);
        before.complete(lease.completedWith(CREATED, T0.plus(REMEMBERED)));

        // when
        IdempotencyRecord read = new FileSystemIdempotencyStore(root)
                .claim(lease("caller-a", "k-1", "t-2"), T0.plusSeconds(1)).orElseThrow();

        // then
        assertThat(read.response()).isEqualTo(CREATED);
    }

    @Test
    void namesNoFileAfterTheCallerOrTheKey() throws Exception {
        // given
        store().claim(lease("../caller", "../../k-1", "t-1"), T0);

        // when
        try (Stream<Path> files = Files.list(root.resolve("idempotency"))) {
            // then
            assertThat(files.map(path -> path.getFileName().toString()))
                    .singleElement().asString().matches("[0-9a-f]{64}\\.json");
        }
    }

    @Test
    void deletesTheFilesOfExpiredRecordsSoTheFolderDoesNotGrowForever() throws Exception {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord remembered = lease("caller-a", "k-1", "t-1");
        store.claim(remembered, T0);
        store.complete(remembered.completedWith(CREATED, T0.plus(REMEMBERED)));
        store.claim(lease("caller-a", "k-2", "t-2"), T0);
        Instant later = T0.plus(REMEMBERED).plus(FileSystemIdempotencyStore.SWEEP_INTERVAL);
        IdempotencyRecord live = IdempotencyRecord.inProgress("caller-a", "k-3", "hash-1", "t-3",
                later.plus(REMEMBERED));

        // when
        store.claim(live, later);

        // then
        try (Stream<Path> files = Files.list(root.resolve("idempotency"))) {
            assertThat(files).singleElement();
        }
        assertThat(store.claim(lease("caller-a", "k-3", "t-4"), later)).contains(live);
    }

    @Test
    void keepsTheFilesOfRecordsThatHaveNotExpired() throws Exception {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord remembered = lease("caller-a", "k-1", "t-1");
        store.claim(remembered, T0);
        store.complete(remembered.completedWith(CREATED, T0.plus(REMEMBERED)));

        // when
        store.claim(lease("caller-a", "k-2", "t-2"), T0.plus(FileSystemIdempotencyStore.SWEEP_INTERVAL));

        // then
        try (Stream<Path> files = Files.list(root.resolve("idempotency"))) {
            assertThat(files).hasSize(2);
        }
    }
}
