package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.RunningChecksum;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stores take a staged PUT's body as S3 takes a presigned PUT: exact size, checksum, one version per key. */
class StagedFileReceiverTest {

    private static final String KEY = "products/p-1/files/u-1/big.bin";
    private static final byte[] BYTES = new byte[3 * 64 * 1024 + 17];

    static {
        new Random(7).nextBytes(BYTES);
    }

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void storesTheBodyAndReportsItsSizeAndChecksum(String kind) {
        // given
        var storage = storageOf(kind);
        Checksum sha = RunningChecksum.over(Checksum.SHA256, BYTES);

        // when
        String versionId = storage.receive(KEY, new ByteArrayInputStream(BYTES), BYTES.length, "application/pdf", sha);

        // then
        FileStorage.StoredObject stored = storage.inspect(KEY, Checksum.SHA256).orElseThrow();
        assertThat(stored.versionId()).isEqualTo(versionId);
        assertThat(stored.size()).isEqualTo(BYTES.length);
        assertThat(stored.checksum()).isEqualTo(sha);
        assertThat(storage.inspect(KEY, Checksum.CRC32C).orElseThrow().checksum()).isEqualTo(Checksum.crc32c(BYTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void refusesOtherBytesThanTheChecksumSaysAndStoresNothing(String kind) {
        // given
        var storage = storageOf(kind);
        byte[] other = BYTES.clone();
        other[other.length / 2] ^= 1;

        // when / then
        assertThatThrownBy(() -> storage.receive(KEY, new ByteArrayInputStream(other), other.length, "text/plain",
                Checksum.crc32c(BYTES)))
                .isInstanceOfSatisfying(ReceivedFileRejectedException.class, e -> assertThat(e.code()).isEqualTo("BadDigest"));
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void refusesABodyShorterThanTheSignedSize(String kind) {
        // given
        var storage = storageOf(kind);

        // when / then
        assertThatThrownBy(() -> storage.receive(KEY, new ByteArrayInputStream(BYTES, 0, 10), BYTES.length,
                "text/plain", Checksum.crc32c(BYTES)))
                .isInstanceOfSatisfying(ReceivedFileRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void refusesASecondPutUnderTheSameKey(String kind) {
        // given
        var storage = storageOf(kind);
        String first = storage.receive(KEY, new ByteArrayInputStream(BYTES), BYTES.length, "text/plain",
                Checksum.crc32c(BYTES));

        // when / then
        assertThatThrownBy(() -> storage.receive(KEY, new ByteArrayInputStream(BYTES), BYTES.length, "text/plain",
                Checksum.crc32c(BYTES)))
                .isInstanceOfSatisfying(ReceivedFileRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(412));
        assertThat(storage.inspect(KEY, Checksum.CRC32C).orElseThrow().versionId()).isEqualTo(first);
    }

    /** Both local stores, seen through the two faces a staged upload uses. */
    private interface LocalStore extends StagedFileReceiver {
        Optional<FileStorage.StoredObject> inspect(String key, String algorithm);
    }

    private LocalStore storageOf(String kind) {
        FileStorage storage = "memory".equals(kind) ? new InMemoryFileStorage() : new FileSystemFileStorage(root);
        StagedFileReceiver receiver = (StagedFileReceiver) storage;
        return new LocalStore() {
            @Override
            public String receive(String key, InputStream body, long size, String contentType, Checksum checksum) {
                return receiver.receive(key, body, size, contentType, checksum);
            }

            @Override
            public Optional<FileStorage.StoredObject> inspect(String key, String algorithm) {
                return storage.inspect(key, algorithm);
            }
        };
    }
}
