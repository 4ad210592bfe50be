package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.adapters.local.internal.RunningChecksum;
import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.FileInventory;
import dev.productupload.domain.port.out.FileStorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps every stored file version in memory, under its key and version id, up to a cap on the bytes it holds
 * ({@value #DEFAULT_MAX_BYTES} by default): past it a store is refused as "storage full" rather than growing until
 * the JVM runs out of heap. Lists the versions for a reconciler in key order, pages of {@code pageSize}; discarding
 * removes the version itself, so there are no delete markers here. Thread-safe.
 */
public final class InMemoryFileStorage implements FileStorage, FileInventory, StagedFileReceiver {

    /** Versions per page of {@link #list}, as many as S3 lists at most. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    /** 512 MiB: room for over a hundred files of the default 4 MiB limit, well inside a laptop JVM's heap. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;
    private static final String BACKEND = "in-memory file storage";

    private final Map<String, Map<String, byte[]>> versionsByKey = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final SignedDownloadLinks links;
    private final SignedUploadLinks uploads;
    private final AtomicLong bytes = new AtomicLong();
    /** When each version was stored, by {@code key + NUL + versionId}, in listing order. */
    private final NavigableMap<String, Instant> storedAt = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final int pageSize;

    public InMemoryFileStorage() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the most file bytes held at once */
    public InMemoryFileStorage(long maxBytes) {
        this(maxBytes, new SignedDownloadLinks());
    }

    /**
     * @param maxBytes the most file bytes held at once
     * @param links    signs the download links; the server that serves them verifies with the same instance
     */
    public InMemoryFileStorage(long maxBytes, SignedDownloadLinks links) {
        this(maxBytes, links, new SignedUploadLinks(), Clock.systemUTC(), DEFAULT_PAGE_SIZE);
    }

    /**
     * @param maxBytes the most file bytes held at once
     * @param links    signs the download links; the server that serves them verifies with the same instance
     * @param uploads  signs the staged-upload links; the server that takes them verifies with the same instance
     */
    public InMemoryFileStorage(long maxBytes, SignedDownloadLinks links, SignedUploadLinks uploads) {
        this(maxBytes, links, uploads, Clock.systemUTC(), DEFAULT_PAGE_SIZE);
    }

    /**
     * @param maxBytes the most file bytes held at once
     * @param clock    when versions are stored, as {@link #list} reports it
     * @param pageSize versions per page of {@link #list}
     */
    public InMemoryFileStorage(long maxBytes, Clock clock, int pageSize) {
        this(maxBytes, new SignedDownloadLinks(), clock, pageSize);
    }

    /**
     * @param maxBytes the most file bytes held at once
     * @param links    signs the download links; the server that serves them verifies with the same instance
     * @param clock    when versions are stored, as {@link #list} reports it
     * @param pageSize versions per page of {@link #list}
     */
    public InMemoryFileStorage(long maxBytes, SignedDownloadLinks links, Clock clock, int pageSize) {
        this(maxBytes, links, new SignedUploadLinks(), clock, pageSize);
    }

    private InMemoryFileStorage(long maxBytes, SignedDownloadLinks links, SignedUploadLinks uploads, Clock clock,
                                int pageSize) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be 1 or more");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.maxBytes = maxBytes;
        this.links = links;
        this.uploads = uploads;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** @throws StorageFullException when {@code content} would take the store past its cap; nothing is kept then */
    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        ChecksumVerifier.verify(content, checksum);
        return keep(key, content);
    }

    /** The body is read whole into memory, where this store keeps files; the cap is checked before reading. */
    @Override
    public String receive(String key, InputStream body, long size, String contentType, Checksum checksum) {
        if (size > maxBytes - bytes.get()) {
            throw new StorageFullException(BACKEND, "it holds at most " + maxBytes + " bytes of files");
        }
        byte[] content;
        try {
            content = body.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new ReceivedFileRejectedException(400, "IncompleteBody", "the body ended early: " + e.getMessage());
        }
        if (content.length != size) {
            throw new ReceivedFileRejectedException(400, "IncompleteBody",
                    "the body has fewer bytes than the signed Content-Length");
        }
        if (!RunningChecksum.over(checksum.algorithm(), content).equals(checksum)) {
            throw new ReceivedFileRejectedException(400, "BadDigest",
                    "the " + checksum.algorithm() + " you specified did not match the calculated checksum");
        }
        synchronized (this) {
            if (latest(key).isPresent()) {
                throw new ReceivedFileRejectedException(412, "PreconditionFailed", "the key already holds a file");
            }
            return keep(key, content);
        }
    }

    private String keep(String key, byte[] content) {
        if (bytes.addAndGet(content.length) > maxBytes) {
            bytes.addAndGet(-content.length);
            throw new StorageFullException(BACKEND, "it holds at most " + maxBytes + " bytes of files");
        }
        String versionId = UUID.randomUUID().toString();
        versionsByKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(versionId, content.clone());
        storedAt.put(entryName(key, versionId), clock.instant());
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
    public boolean exists(String key, String versionId) {
        return storedAt.containsKey(entryName(key, versionId));
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

    @Override
    public URI downloadLink(FileReference file, Duration validFor) {
        return links.link(file, validFor);
    }

    @Override
    public UploadTarget uploadTarget(String key, long size, String contentType, Checksum checksum, Duration validFor) {
        return uploads.target(key, size, contentType, checksum, validFor);
    }

    /** Reports the checksum computed over the held bytes; not the content type, which this store does not keep. */
    @Override
    public Optional<StoredObject> inspect(String key, String checksumAlgorithm) {
        return latest(key).flatMap(versionId -> read(key, versionId).map(content -> new StoredObject(versionId,
                content.length, null, RunningChecksum.over(checksumAlgorithm, content))));
    }

    /** The version of {@code key} stored last. */
    private Optional<String> latest(String key) {
        Instant newest = null;
        String versionId = null;
        for (Map.Entry<String, Instant> entry : storedAt.subMap(key + '\0', key + '\1').entrySet()) {
            if (newest == null || !entry.getValue().isBefore(newest)) {
                newest = entry.getValue();
                versionId = entry.getKey().substring(key.length() + 1);
            }
        }
        return Optional.ofNullable(versionId);
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

    /** One stored version to stream, if it exists; the stream reads the stored bytes, never a copy of them. */
    public Optional<StoredContent> content(String key, String versionId) {
        Map<String, byte[]> versions = versionsByKey.get(key);
        byte[] stored = versions == null ? null : versions.get(versionId);
        return Optional.ofNullable(stored)
                .map(bytes -> new StoredContent(bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    /** The number of stored versions across all keys. */
    public int versionCount() {
        return versionsByKey.values().stream().mapToInt(Map::size).sum();
    }
}
