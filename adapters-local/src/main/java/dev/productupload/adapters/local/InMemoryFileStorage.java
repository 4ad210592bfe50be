package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileInventory;
import dev.productupload.domain.port.out.FileStorage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps every stored file version in memory, under its key and version id, and lists them for a reconciler in
 * key order, pages of {@code pageSize}. Discarding removes the version itself: there are no delete markers here.
 * Thread-safe.
 */
public final class InMemoryFileStorage implements FileStorage, FileInventory {

    /** Versions per page of {@link #list}, as many as S3 lists at most. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final Map<String, Map<String, byte[]>> versionsByKey = new ConcurrentHashMap<>();
    /** When each version was stored, by {@code key + NUL + versionId}, in listing order. */
    private final NavigableMap<String, Instant> storedAt = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final int pageSize;

    public InMemoryFileStorage() {
        this(Clock.systemUTC(), DEFAULT_PAGE_SIZE);
    }

    /** @param clock when versions are stored, as {@link #list} reports it */
    public InMemoryFileStorage(Clock clock, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.clock = clock;
        this.pageSize = pageSize;
    }

    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        ChecksumVerifier.verify(content, checksum);
        String versionId = UUID.randomUUID().toString();
        versionsByKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(versionId, content.clone());
        storedAt.put(entryName(key, versionId), clock.instant());
        return versionId;
    }

    @Override
    public void discard(String key, String versionId) {
        versionsByKey.computeIfPresent(key, (k, versions) -> {
            versions.remove(versionId);
            return versions.isEmpty() ? null : versions;
        });
        storedAt.remove(entryName(key, versionId));
    }

    @Override
    public Page list(String prefix, String pageToken) {
        List<StoredVersion> page = new ArrayList<>();
        var after = pageToken == null ? storedAt : storedAt.tailMap(pageToken, false);
        for (Map.Entry<String, Instant> entry : after.entrySet()) {
            int separator = entry.getKey().indexOf('\0');
            String key = entry.getKey().substring(0, separator);
            if (!key.startsWith(prefix)) {
                continue;
            }
            if (page.size() == pageSize) {
                StoredVersion last = page.get(page.size() - 1);
                return new Page(page, entryName(last.key(), last.versionId()));
            }
            page.add(new StoredVersion(key, entry.getKey().substring(separator + 1), entry.getValue(), false));
        }
        return new Page(page, null);
    }

    @Override
    public void purge(String key, String versionId) {
        discard(key, versionId);
    }

    /** Never called: this store keeps no delete markers, so {@link #list} reports none. */
    @Override
    public void removeDeleteMarker(String key, String markerVersionId) {
        throw new IllegalStateException("the in-memory store keeps no delete markers");
    }

    private static String entryName(String key, String versionId) {
        return key + '\0' + versionId;
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
