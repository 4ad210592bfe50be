package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every stored file version in memory, under its key and version id. Thread-safe. */
public final class InMemoryFileStorage implements FileStorage {

    private final Map<String, Map<String, byte[]>> versionsByKey = new ConcurrentHashMap<>();

    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        ChecksumVerifier.verify(content, checksum);
        String versionId = UUID.randomUUID().toString();
        versionsByKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(versionId, content.clone());
        return versionId;
    }

    @Override
    public void discard(String key, String versionId) {
        versionsByKey.computeIfPresent(key, (k, versions) -> {
            versions.remove(versionId);
            return versions.isEmpty() ? null : versions;
        });
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
