package dev.productupload.adapters.local;

import dev.productupload.domain.model.Checksum;

import java.io.InputStream;

/** A local store that takes the body of a staged PUT as a stream, never holding more of it than it must. */
public interface StagedFileReceiver {

    /**
     * Stores exactly {@code size} bytes read from {@code body} under {@code key}, a key that holds nothing yet, if
     * they have {@code checksum}.
     *
     * @return the new version's id
     * @throws ReceivedFileRejectedException when the body is shorter than {@code size} ({@code IncompleteBody}),
     *         does not have the checksum ({@code BadDigest}), or the key already holds a file ({@code PreconditionFailed})
     * @throws dev.productupload.domain.exception.StorageFullException when the store has no room for it
     */
    String receive(String key, InputStream body, long size, String contentType, Checksum checksum);
}
