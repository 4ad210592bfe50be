package dev.productupload.adapters.local.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.StorageFullException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What the file system under a data folder can hold, learnt from the folder itself, and what its failures mean.
 * A key's segments become file names, so each must fit the file system's longest name, counted in the bytes of the
 * JVM's file name encoding; a name that does not fit is the request's fault (400), found before anything is written.
 * A full disk is "storage full" (507), a folder the server may not write a deployment fault (500); only what may
 * pass on its own is "unavailable, retry" (503).
 */
public final class FileSystemLimits {

    /** Longer than any file system's name limit (255 bytes on ext4, XFS, Btrfs, tmpfs, APFS and NTFS). */
    private static final int LONGEST_PROBED = 1024;

    private final String backend;
    private final int maxNameBytes;
    private final Charset names;

    private FileSystemLimits(String backend, int maxNameBytes, Charset names) {
        this.backend = backend;
        this.maxNameBytes = maxNameBytes;
        this.names = names;
    }

    /** Finds the longest file name {@code folder} takes, by creating and removing a few empty files in it. */
    public static FileSystemLimits probe(String backend, Path folder) {
        int works = 0;
        int fails = LONGEST_PROBED + 1;
        while (fails - works > 1) {
            int length = (works + fails) >>> 1;
            if (canCreate(folder, length)) {
                works = length;
            } else {
                fails = length;
            }
        }
        if (works == 0) {
            throw new DeploymentFaultException(backend, "cannot create files in " + folder, null);
        }
        String encoding = System.getProperty("sun.jnu.encoding");
        Charset names = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
        return new FileSystemLimits(backend, works, names);
    }

    private static boolean canCreate(Path folder, int length) {
        String prefix = ".name-limit-";
        Path probe = folder.resolve(length > prefix.length() ? prefix + "n".repeat(length - prefix.length()) : "n".repeat(length));
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int maxNameBytes() {
        return maxNameBytes;
    }

    /**
     * Refuses a key a segment of which this file system cannot hold as a name. The last segment of a file's key is
     * its file name, the others come from the product id.
     */
    public void checkKey(String key) {
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String field = i == segments.length - 1 ? "fileName" : "productData.productId";
            checkName(segments[i], field);
        }
    }

    /** Refuses a single name this file system cannot hold, naming the request's field it came from. */
    public void checkName(String name, String field) {
        if (!names.newEncoder().canEncode(name)) {
            throw InvalidRequestException.of(field, "cannot be stored by this server: its file names are " + names
                    + ", which cannot write every character of it");
        }
        int bytes = name.getBytes(names).length;
        if (bytes > maxNameBytes) {
            throw InvalidRequestException.of(field, "is " + bytes + " bytes in " + names
                    + "; this server's file system holds names of at most " + maxNameBytes + " bytes");
        }
    }

    /** What a failure of the file system means for the request that met it. */
    public RuntimeException translate(IOException failure) {
        String reason = failure instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason() : String.valueOf(failure.getMessage());
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            return new StorageFullException(backend, reason, failure);
        }
        if (reason.contains("File name too long")) {
            return InvalidRequestException.of("fileName", "is too long for this server's file system");
        }
        if (failure instanceof AccessDeniedException || failure instanceof NotDirectoryException
                || reason.contains("Read-only file system")) {
            return new DeploymentFaultException(backend, "cannot write its folder: " + reason, failure);
        }
        return new BackendUnavailableException(backend, failure);
    }
}
