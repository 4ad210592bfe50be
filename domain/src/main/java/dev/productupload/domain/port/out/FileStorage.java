package dev.productupload.domain.port.out;

import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Stores file bytes under a key, keeping every version apart. */
public interface FileStorage {

    /**
     * Stores {@code content} under {@code key} as a new version, and has the store verify {@code checksum}.
     *
     * @return the version id the store gave this content
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot take it
     */
    String store(String key, byte[] content, String contentType, Checksum checksum);

    /**
     * Takes back a version that no product references, so that the key reads as absent. The use case writes
     * each key once, so the key holds no other version. A store that keeps history (a versioned S3 bucket) may
     * keep the bytes as a hidden, noncurrent version until its lifecycle expires them, so that the service's
     * own credentials can never erase history (ADR 6).
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    void discard(String key, String versionId);

    /**
     * A link that serves exactly the stored version of {@code file} for {@code validFor}, with the file's content
     * type and as an attachment named after it; signed, so whoever holds it needs no credentials of their own.
     * Building it reads and writes nothing.
     *
     * @return an absolute URL, or one relative to the API's own address
     */
    URI downloadLink(FileReference file, Duration validFor);

    /**
     * A URL through which whoever holds it can store one file under {@code key} for {@code validFor}, and only a
     * file of exactly {@code size} bytes, of {@code contentType} and with {@code checksum}: these travel as headers
     * that are part of the signature, so the store itself refuses any other size, type or bytes. Building it reads
     * and writes nothing.
     *
     * @throws dev.productupload.domain.exception.BackendUnavailableException when no credentials can sign it
     */
    UploadTarget uploadTarget(String key, long size, String contentType, Checksum checksum, Duration validFor);

    /**
     * What the store holds under {@code key} now, with its checksum of {@code checksumAlgorithm} where the store
     * reports one.
     *
     * @return empty when nothing is stored under the key
     * @throws dev.productupload.domain.exception.BackendUnavailableException when the store cannot answer
     */
    Optional<StoredObject> inspect(String key, String checksumAlgorithm);

    /**
     * The request a client sends to store a staged file: {@code PUT url} with exactly {@code headers}.
     *
     * @param url absolute, or relative to the API's own address
     */
    record UploadTarget(URI url, Map<String, String> headers) {

        public UploadTarget {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The current version stored under a key.
     *
     * @param checksum null when the store does not report a checksum of the algorithm asked for
     */
    record StoredObject(String versionId, long size, String contentType, Checksum checksum) {

        public StoredObject {
            Objects.requireNonNull(versionId, "versionId");
        }
    }

    /**
     * The {@code Content-Disposition} every store serves a file with: an attachment named after the file, in
     * RFC 6266 form, an ASCII {@code filename} for old clients and the exact name as {@code filename*}.
     */
    static String attachmentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c);
        }
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            boolean attrChar = (unsigned >= 'a' && unsigned <= 'z') || (unsigned >= 'A' && unsigned <= 'Z')
                    || (unsigned >= '0' && unsigned <= '9') || "!#$&+-.^_`|~".indexOf(unsigned) >= 0;
            encoded.append(attrChar ? String.valueOf((char) unsigned) : String.format("%%%02X", unsigned));
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
