package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps every stored file version in memory, under its key and version id, up to a cap on the bytes it holds
 * ({@value #DEFAULT_MAX_BYTES} by default): past it a store is refused as "storage full" rather than growing until
 * the JVM runs out of heap. Thread-safe.
 */
public final class InMemoryFileStorage implements FileStorage {

    /** 512 MiB: room for over a hundred files of the default 4 MiB limit, well inside a laptop JVM's heap. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;
    private static final String BACKEND = "in-memory file storage";

    private final Map<String, Map<String, byte[]>> versionsByKey = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    public InMemoryFileStorage() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the most file bytes held at once */
    public InMemoryFileStorage(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be 1 or more");
        }
        this.maxBytes = maxBytes;
    }

    /** @throws StorageFullException when {@code content} would take the store past its cap; nothing is kept then */
    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        ChecksumVerifier.verify(content, checksum);
        if (bytes.addAndGet(content.length) > maxBytes) {
            bytes.addAndGet(-content.length);
            throw new StorageFullException(BACKEND, "it holds at most " + maxBytes + " bytes of files");
        }
        String versionId = UUID.randomUUID().toString();
        versionsByKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(versionId, content.clone());
        return versionId;
    }

    @Override
    public void discard(String key, String versionId) {
        versionsByKey.computeIfPresent(key, (k, versions) -> {
            byte[] removed = versions.remove(versionId);
            if (removed != null) {
                bytes.addAndGet(-removed.length);
            }
            return versions.isEmpty() ? null : versions;
        });
    }

    /** The file bytes held now. */
    public long byteCount() {
        return bytes.get();
    }

    /** The bytes of one stored version, if it exists. */
    public Optional<byte[]> read(String key, String versionId) {
        Map<String, byte[]> versions = versionsByKey.get(key);
        return Optional.ofNullable(versions == null ? null : versions.get(versionId)).map(byte[]::clone);
    }

    /** The number of stored versions across all keys. */
    public int versionCount() {
        return versionsByKey.values().stream().mapToInt(Map::size).sum();
    }
}
