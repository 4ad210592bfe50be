package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.model.UploadSession;
import dev.productupload.domain.port.out.UploadSessionStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps staged-upload sessions in memory, at most {@value #DEFAULT_MAX_SESSIONS} at once: expired ones are dropped
 * first, then a new session is refused as "storage full". Thread-safe.
 */
public final class InMemoryUploadSessionStore implements UploadSessionStore {

    public static final int DEFAULT_MAX_SESSIONS = 20_000;
    private static final String BACKEND = "in-memory upload sessions";

    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;

    public InMemoryUploadSessionStore() {
        this(DEFAULT_MAX_SESSIONS);
    }

    /** @param maxSessions the most sessions held at once */
    public InMemoryUploadSessionStore(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be 1 or more");
        }
        this.maxSessions = maxSessions;
    }

    @Override
    public synchronized void save(UploadSession session) {
        if (sessions.size() >= maxSessions) {
            sessions.values().removeIf(held -> !held.isLiveAt(session.createdAt()));
        }
        if (sessions.size() >= maxSessions) {
            throw new StorageFullException(BACKEND, "it holds at most " + maxSessions + " open uploads");
        }
        sessions.put(session.uploadId(), session);
    }

    @Override
    public Optional<UploadSession> find(String productId, String uploadId, Instant now) {
        return Optional.ofNullable(sessions.get(uploadId))
                .filter(session -> session.productId().equals(productId) && session.isLiveAt(now));
    }
}
