package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.FileSystemLimits;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of the local stores are found up front and refused for what they are, never as "retry later". */
class StoreLimitsTest {

    private static final byte[] BYTES = {1, 2, 3, 4};

    @TempDir
    Path root;

    private static String keyOf(String fileName) {
        return "products/p-1/files/f-1/" + fileName;
    }

    private static long filesUnder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void fileSystemStorageRefusesANameLongerThanItsFileSystemHoldsBeforeWritingAnything() throws Exception {
        // given: 255 CJK characters are 765 bytes in UTF-8; Linux file systems hold names of 255 bytes
        FileSystemFileStorage storage = new FileSystemFileStorage(root);
        String name = "\u8aac".repeat(255);

        // when / then
        assertThatThrownBy(() -> storage.store(keyOf(name), BYTES, "text/plain", Checksum.crc32c(BYTES)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("fileName"));
        assertThat(filesUnder(root)).isZero();
        assertThat(root.resolve("objects/products")).doesNotExist();
    }

    @Test
    void fileSystemStorageRefusesANameItCannotHoldWhenTheUploadIsAnnouncedNotAfterItsBytesArrive() {
        // given
        FileSystemFileStorage storage = new FileSystemFileStorage(root);
        String name = "\u8aac".repeat(100);

        // when / then
        assertThatThrownBy(() -> storage.uploadTarget(keyOf(name), BYTES.length, "text/plain", Checksum.crc32c(BYTES),
                Duration.ofMinutes(15)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("fileName"));
    }

    @Test
    void fileSystemStorageStoresTheLongestNameItsFileSystemHolds() throws Exception {
        FileSystemFileStorage storage = new FileSystemFileStorage(root);
        int limit = FileSystemLimits.probe("test", root).maxNameBytes();
        String name = "\u8aac".repeat(limit / 3) + "a".repeat(limit % 3);

        String versionId = storage.store(keyOf(name), BYTES, "text/plain", Checksum.crc32c(BYTES));

        assertThat(Files.readAllBytes(storage.pathOf(keyOf(name), versionId))).isEqualTo(BYTES);
    }

    @Test
    void fileSystemStorageRefusesANameItsFileNameEncodingCannotWrite() throws Exception {
        FileSystemFileStorage storage = new FileSystemFileStorage(root);

        assertThatThrownBy(() -> storage.store(keyOf("a\udc00.txt"), BYTES, "text/plain", Checksum.crc32c(BYTES)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(filesUnder(root)).isZero();
    }

    @Test
    void aFullDiskIsStorageFullAFolderItMayNotWriteIsADeploymentFaultAndOnlyTheRestIsRetryLater() {
        FileSystemLimits limits = FileSystemLimits.probe("test", root);

        assertThat(limits.translate(new FileSystemException("/data/x", null, "No space left on device")))
                .isInstanceOf(StorageFullException.class);
        assertThat(limits.translate(new FileSystemException("/data/x", null, "Disk quota exceeded")))
                .isInstanceOf(StorageFullException.class);
        assertThat(limits.translate(new AccessDeniedException("/data/x")))
                .isInstanceOf(DeploymentFaultException.class);
        assertThat(limits.translate(new FileSystemException("/data/x", null, "Read-only file system")))
                .isInstanceOf(DeploymentFaultException.class);
        assertThat(limits.translate(new FileSystemException("/data/x", null, "File name too long")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(limits.translate(new IOException("Input/output error")))
                .isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void inMemoryStorageRefusesAFileThatWouldTakeItPastItsCapAndFreesWhatItDiscards() {
        // given
        InMemoryFileStorage storage = new InMemoryFileStorage(6);
        String first = storage.store(keyOf("a"), BYTES, "text/plain", Checksum.crc32c(BYTES));

        // when / then
        assertThatThrownBy(() -> storage.store(keyOf("b"), BYTES, "text/plain", Checksum.crc32c(BYTES)))
                .isInstanceOf(StorageFullException.class);
        assertThat(storage.versionCount()).isEqualTo(1);
        assertThat(storage.byteCount()).isEqualTo(4);
        storage.discard(keyOf("a"), first);
        assertThat(storage.byteCount()).isZero();
        storage.store(keyOf("b"), BYTES, "text/plain", Checksum.crc32c(BYTES));
        assertThat(storage.versionCount()).isEqualTo(1);
    }

    @Test
    void inMemoryRepositoryRefusesAVersionPastItsCap() {
        InMemoryProductRepository products = new InMemoryProductRepository(2);
        Instant now = Instant.now();
        products.saveNewVersion(new Product("p-1", "A", BigDecimal.ONE, "EUR", null, null, 1, now, now, null));
        products.saveNewVersion(new Product("p-1", "A", BigDecimal.ONE, "EUR", null, null, 2, now, now, null));

        assertThatThrownBy(() -> products.saveNewVersion(
                new Product("p-2", "B", BigDecimal.ONE, "EUR", null, null, 1, now, now, null)))
                .isInstanceOf(StorageFullException.class);
        assertThat(products.versionCount()).isEqualTo(2);
        assertThat(products.findLatest("p-2")).isEmpty();
    }
}
