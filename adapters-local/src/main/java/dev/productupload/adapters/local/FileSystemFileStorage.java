package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.adapters.local.internal.FileSystemLimits;
import dev.productupload.adapters.local.internal.SafePaths;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Keeps each stored file version as one file, {@code ROOT/objects/KEY/VERSION_ID}, so files survive a restart.
 * A version appears only once it is completely written.
 */
public final class FileSystemFileStorage implements FileStorage {

    private static final String BACKEND = "local file storage";

    private final Path objects;
    private final FileSystemLimits limits;

    /** @param root the data folder; created when missing */
    public FileSystemFileStorage(Path root) {
        this.objects = root.resolve("objects").toAbsolutePath().normalize();
        try {
            Files.createDirectories(objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + objects, e);
        }
        this.limits = FileSystemLimits.probe(BACKEND, objects);
    }

    /**
     * @throws dev.productupload.domain.exception.InvalidRequestException when a segment of the key is a name this
     *         file system cannot hold (too long, or not writable in its encoding); nothing is written then
     * @throws dev.productupload.domain.exception.StorageFullException when the disk is full
     */
    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        ChecksumVerifier.verify(content, checksum);
        limits.checkKey(key);
        String versionId = UUID.randomUUID().toString();
        Path target = SafePaths.resolve(objects, key).resolve(versionId);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".partial");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return versionId;
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    @Override
    public void discard(String key, String versionId) {
        try {
            Files.deleteIfExists(SafePaths.resolve(objects, key).resolve(SafePaths.segment(versionId)));
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    /** The path of one stored version, for inspection. */
    public Path pathOf(String key, String versionId) {
        return SafePaths.resolve(objects, key).resolve(SafePaths.segment(versionId));
    }
}
