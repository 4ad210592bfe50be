package dev.productupload.adapters.local;

import dev.productupload.domain.model.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileStorageTest {

    private static final byte[] BYTES = {1, 2, 3};
    private static final String KEY = "products/p-1/files/f-1/a.bin";

    @TempDir
    Path root;

    @Test
    void inMemoryStorageKeepsVersionsApartAndDeletesExactlyOne() {
        // given
        InMemoryFileStorage storage = new InMemoryFileStorage();
        String first = storage.store(KEY, BYTES, "application/octet-stream", Checksum.crc32c(BYTES));
        byte[] other = {9};
        String second = storage.store(KEY, other, "application/octet-stream", Checksum.crc32c(other));

        // when
        storage.discard(KEY, first);

        // then
        assertThat(first).isNotEqualTo(second);
        assertThat(storage.read(KEY, first)).isEmpty();
        assertThat(storage.read(KEY, second)).hasValueSatisfying(b -> assertThat(b).isEqualTo(other));
    }

    @Test
    void inMemoryStorageRefusesBytesThatDoNotMatchTheirChecksum() {
        InMemoryFileStorage storage = new InMemoryFileStorage();

        assertThatThrownBy(() -> storage.store(KEY, BYTES, "text/plain", Checksum.crc32c(new byte[] {7})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(storage.versionCount()).isZero();
    }

    @Test
    void fileSystemStorageKeepsFilesAcrossARestartAndDeletesExactlyOneVersion() throws Exception {
        // given
        String first = new FileSystemFileStorage(root).store(KEY, BYTES, "text/plain", Checksum.crc32c(BYTES));
        String second = new FileSystemFileStorage(root).store(KEY, BYTES, "text/plain", Checksum.crc32c(BYTES));
        FileSystemFileStorage restarted = new FileSystemFileStorage(root);

        // when
        restarted.discard(KEY, first);

        // then
        assertThat(restarted.pathOf(KEY, first)).doesNotExist();
        assertThat(Files.readAllBytes(restarted.pathOf(KEY, second))).isEqualTo(BYTES);
    }

    @Test
    void fileSystemStorageRefusesKeysThatWouldLeaveItsFolder() {
        FileSystemFileStorage storage = new FileSystemFileStorage(root);

        assertThatThrownBy(() -> storage.store("products/../../etc/a", BYTES, "text/plain", Checksum.crc32c(BYTES)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
