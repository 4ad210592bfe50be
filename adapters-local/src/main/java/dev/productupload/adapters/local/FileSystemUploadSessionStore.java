package dev.productupload.adapters.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.UploadSession;
import dev.productupload.domain.port.out.UploadSessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps each staged-upload session as one JSON file, {@code ROOT/upload-sessions/ID.json}, where ID is the SHA-256 of
 * the upload id (which arrives in a URL path and is never used as a file name itself), so sessions survive a
 * restart. Expired sessions are ignored when read; each file is written whole before it is moved into place.
 */
public final class FileSystemUploadSessionStore implements UploadSessionStore {

    private static final String BACKEND = "local upload sessions";

    private final Path folder;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** @param root the data folder; created when missing */
    public FileSystemUploadSessionStore(Path root) {
        this.folder = root.resolve("upload-sessions").toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    @Override
    public void save(UploadSession session) {
        try {
            Path partial = Files.createTempFile(folder, ".session-", ".partial");
            Files.write(partial, json.writeValueAsBytes(session));
            Files.move(partial, fileOf(session.uploadId()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    @Override
    public Optional<UploadSession> find(String productId, String uploadId, Instant now) {
        try {
            UploadSession session = json.readValue(Files.readAllBytes(fileOf(uploadId)), UploadSession.class);
            return Optional.of(session).filter(found -> found.productId().equals(productId) && found.isLiveAt(now));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    private Path fileOf(String uploadId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uploadId.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
