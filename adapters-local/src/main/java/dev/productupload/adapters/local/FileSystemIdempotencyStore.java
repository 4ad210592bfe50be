package dev.productupload.adapters.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.model.StoredResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps each record of a keyed write as one JSON file, {@code ROOT/idempotency/ID.json}, where ID is the SHA-256
 * of caller and key, so records survive a restart of the local server. Changes are serialized within the process
 * (one server per data folder) and each file is replaced whole, never seen half-written. A claim deletes the files
 * of expired records, at most once every {@link #SWEEP_INTERVAL}, so the folder holds about a day of keys.
 */
public final class FileSystemIdempotencyStore implements IdempotencyStore {

    /** How often a claim looks for expired records to delete. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);
    private static final String BACKEND = "local idempotency store";

    private final Path folder;
    private Instant nextSweep = Instant.MIN;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** @param root the data folder; created when missing */
    public FileSystemIdempotencyStore(Path root) {
        this.folder = root.resolve("idempotency").toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    @Override
    public synchronized Optional<IdempotencyRecord> claim(IdempotencyRecord inProgress, Instant now) {
        if (!now.isBefore(nextSweep)) {
            deleteExpired(now);
            nextSweep = now.plus(SWEEP_INTERVAL);
        }
        Path file = fileOf(inProgress.scope(), inProgress.key());
        Optional<IdempotencyRecord> existing = read(file);
        if (existing.isPresent() && !existing.get().hasExpiredAt(now)
                && !(existing.get().leaseToken().equals(inProgress.leaseToken()) && !existing.get().isCompleted())) {
            return existing;
        }
        write(file, inProgress);
        return Optional.empty();
    }

    @Override
    public synchronized boolean complete(IdempotencyRecord completed) {
        Path file = fileOf(completed.scope(), completed.key());
        Optional<IdempotencyRecord> existing = read(file);
        if (existing.isEmpty() || !existing.get().leaseToken().equals(completed.leaseToken())) {
            return false;
        }
        write(file, completed);
        return true;
    }

    @Override
    public synchronized void release(String scope, String key, String leaseToken) {
        Path file = fileOf(scope, key);
        Optional<IdempotencyRecord> existing = read(file);
        if (existing.isPresent() && existing.get().leaseToken().equals(leaseToken) && !existing.get().isCompleted()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new BackendUnavailableException(BACKEND, e);
            }
        }
    }

    private void deleteExpired(Instant now) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".json"))::iterator) {
                if (read(file).map(record -> record.hasExpiredAt(now)).orElse(false)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    /** The file's fields: the record's own, its answer flattened. */
    private record RecordFile(String scope, String key, String requestHash, String leaseToken, Instant expiresAt,
                              Integer status, Map<String, String> headers, byte[] body) {

        static RecordFile of(IdempotencyRecord record) {
            StoredResponse response = record.response();
            return new RecordFile(record.scope(), record.key(), record.requestHash(), record.leaseToken(),
                    record.expiresAt(), response == null ? null : response.status(),
                    response == null ? null : response.headers(), response == null ? null : response.body());
        }

        IdempotencyRecord toRecord() {
            return new IdempotencyRecord(scope, key, requestHash, leaseToken, expiresAt,
                    status == null ? null : new StoredResponse(status, headers, body));
        }
    }

    private Optional<IdempotencyRecord> read(Path file) {
        try {
            return Optional.of(json.readValue(file.toFile(), RecordFile.class).toRecord());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    private void write(Path file, IdempotencyRecord record) {
        try {
            Path partial = Files.createTempFile(folder, ".record-", ".partial");
            try {
                json.writeValue(partial.toFile(), RecordFile.of(record));
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    private Path fileOf(String scope, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(scope.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(sha256.digest()) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
