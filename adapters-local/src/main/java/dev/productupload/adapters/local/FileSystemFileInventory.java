package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.SafePaths;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.port.out.FileInventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the versions a {@link FileSystemFileStorage} keeps in the same folder ({@code ROOT/objects/KEY/VERSION_ID}),
 * in key order, with the file's modification time as the time it was stored. Discarding removes a version file
 * there, so this store has no delete markers.
 */
public final class FileSystemFileInventory implements FileInventory {

    private static final String BACKEND = "local file storage";
    /** Versions per page, as many as S3 lists at most. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final Path objects;
    private final int pageSize;

    /** @param root the data folder of the {@link FileSystemFileStorage} */
    public FileSystemFileInventory(Path root, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.objects = root.resolve("objects").toAbsolutePath().normalize();
        this.pageSize = pageSize;
    }

    /** The token is the {@code KEY/VERSION_ID} of the page's last version; each page walks the folder again. */
    @Override
    public Page list(String prefix, String pageToken) {
        try (Stream<Path> walk = Files.walk(objects)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .map(path -> objects.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/"))
                    .filter(name -> name.startsWith(prefix))
                    .filter(name -> pageToken == null || name.compareTo(pageToken) > 0)
                    .sorted()
                    .limit(pageSize + 1L)
                    .toList();
            List<StoredVersion> versions = new ArrayList<>();
            for (String name : names.subList(0, Math.min(pageSize, names.size()))) {
                int slash = name.lastIndexOf('/');
                Path file = objects.resolve(name);
                versions.add(new StoredVersion(name.substring(0, slash), name.substring(slash + 1),
                        Files.getLastModifiedTime(file).toInstant(), false));
            }
            return new Page(versions, names.size() > pageSize ? names.get(pageSize - 1) : null);
        } catch (NoSuchFileException e) {
            return new Page(List.of(), null);
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    @Override
    public boolean exists(String key, String versionId) {
        return Files.isRegularFile(SafePaths.resolve(objects, key).resolve(SafePaths.segment(versionId)));
    }

    @Override
    public void purge(String key, String versionId) {
        try {
            Files.deleteIfExists(SafePaths.resolve(objects, key).resolve(SafePaths.segment(versionId)));
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }

    /** Never called: this store keeps no delete markers, so {@link #list} reports none. */
    @Override
    public void removeDeleteMarker(String key, String markerVersionId) {
        throw new IllegalStateException("the local file store keeps no delete markers");
    }
}
