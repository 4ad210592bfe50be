package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.ChecksumVerifier;
import dev.productupload.adapters.local.internal.FileSystemLimits;
import dev.productupload.adapters.local.internal.RunningChecksum;
import dev.productupload.adapters.local.internal.SafePaths;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.FileStorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps each stored file version as one file, {@code ROOT/objects/KEY/VERSION_ID}, so files survive a restart.
 * A version appears only once it is completely written.
 */
public final class FileSystemFileStorage implements FileStorage, StagedFileReceiver {

    private static final String BACKEND = "local file storage";
    private static final String PARTIAL_PREFIX = ".upload-";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path objects;
    private final SignedDownloadLinks links;
    private final SignedUploadLinks uploads;
    private final FileSystemLimits limits;

    /** @param root the data folder; created when missing */
    public FileSystemFileStorage(Path root) {
        this(root, new SignedDownloadLinks());
    }

    /**
     * @param root  the data folder; created when missing
     * @param links signs the download links; the server that serves them verifies with the same instance
     */
    public FileSystemFileStorage(Path root, SignedDownloadLinks links) {
        this(root, links, new SignedUploadLinks());
    }

    /**
     * @param root    the data folder; created when missing
     * @param links   signs the download links; the server that serves them verifies with the same instance
     * @param uploads signs the staged-upload links; the server that takes them verifies with the same instance
     */
    public FileSystemFileStorage(Path root, SignedDownloadLinks links, SignedUploadLinks uploads) {
        this.links = links;
        this.uploads = uploads;
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
            Path partial = Files.createTempFile(target.getParent(), PARTIAL_PREFIX, ".partial");
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

    /**
     * Streams the body into a partial file in {@value #BUFFER_BYTES}-byte steps while computing its checksum, and
     * makes it a version only when size and checksum are right, so the heap holds one buffer whatever the size.
     */
    @Override
    public String receive(String key, InputStream body, long size, String contentType, Checksum checksum) {
        limits.checkKey(key);
        Path folder = SafePaths.resolve(objects, key);
        RunningChecksum running = RunningChecksum.of(checksum.algorithm());
        Path partial = null;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, PARTIAL_PREFIX, ".partial");
            long received = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                while (received < size) {
                    int read = body.read(buffer, 0, (int) Math.min(buffer.length, size - received));
                    if (read < 0) {
                        break;
                    }
                    running.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                    received += read;
                }
            }
            if (received != size) {
                throw new ReceivedFileRejectedException(400, "IncompleteBody",
                        "the body has fewer bytes than the signed Content-Length");
            }
            if (!running.value().equals(checksum)) {
                throw new ReceivedFileRejectedException(400, "BadDigest",
                        "the " + checksum.algorithm() + " you specified did not match the calculated checksum");
            }
            synchronized (this) {
                if (latestVersion(folder).isPresent()) {
                    throw new ReceivedFileRejectedException(412, "PreconditionFailed", "the key already holds a file");
                }
                String versionId = UUID.randomUUID().toString();
                Files.move(partial, folder.resolve(versionId), StandardCopyOption.ATOMIC_MOVE);
                partial = null;
                return versionId;
            }
        } catch (IOException e) {
            throw limits.translate(e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // A partial file is never a version: it is skipped by every read.
                }
            }
        }
    }

    @Override
    public URI downloadLink(FileReference file, Duration validFor) {
        return links.link(file, validFor);
    }

    @Override
    public UploadTarget uploadTarget(String key, long size, String contentType, Checksum checksum, Duration validFor) {
        limits.checkKey(key);
        return uploads.target(key, size, contentType, checksum, validFor);
    }

    /** Reports the checksum computed by reading the stored file; not the content type, which this store does not keep. */
    @Override
    public Optional<StoredObject> inspect(String key, String checksumAlgorithm) {
        Path folder = SafePaths.resolve(objects, key);
        try {
            Optional<Path> version = latestVersion(folder);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            RunningChecksum running = RunningChecksum.of(checksumAlgorithm);
            long size = 0;
            try (InputStream in = Files.newInputStream(version.get())) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    running.update(buffer, 0, read);
                    size += read;
                }
            }
            return Optional.of(new StoredObject(version.get().getFileName().toString(), size, null, running.value()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    /** The version file of a key's folder written last, partial files left out. */
    private static Optional<Path> latestVersion(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(path -> !path.getFileName().toString().startsWith(PARTIAL_PREFIX))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(FileSystemFileStorage::lastModified));
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * One stored version to stream, if it exists.
     *
     * @throws BackendUnavailableException when the folder cannot be read
     */
    public Optional<StoredContent> content(String key, String versionId) {
        Path path = pathOf(key, versionId);
        try {
            return Optional.of(new StoredContent(Files.size(path), () -> Files.newInputStream(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    /**
     * The bytes of one stored version, if it exists.
     *
     * @throws BackendUnavailableException when the folder cannot be read
     */
    public Optional<byte[]> read(String key, String versionId) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key, versionId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    /** The path of one stored version, for inspection. */
    public Path pathOf(String key, String versionId) {
        return SafePaths.resolve(objects, key).resolve(SafePaths.segment(versionId));
    }
}
