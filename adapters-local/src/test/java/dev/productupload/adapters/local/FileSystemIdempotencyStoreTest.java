package dev.productupload.adapters.local;

import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.IdempotencyStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
