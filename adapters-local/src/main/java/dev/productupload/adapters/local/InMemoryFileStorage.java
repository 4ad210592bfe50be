package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.FileStorage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every stored file version in memory, under its key and version id. Thread-safe. */
public final class InMemoryFileStorage implements FileStorage {

    private final Map<String, Map<String, byte[]>> versionsByKey = new ConcurrentHashMap<>();
    private final SignedDownloadLinks links;

    /** With download links of its own. */
    public InMemoryFileStorage() {
        this(new SignedDownloadLinks());
    }

    /** @param links signs the download links; the server that serves them verifies with the same instance */
    public InMemoryFileStorage(SignedDownloadLinks links) {
        this.links = links;
    }

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

    @Override
    public URI downloadLink(FileReference file, Duration validFor) {
        return links.link(file, validFor);
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
