package dev.productupload.domain.port.in;

import dev.productupload.domain.model.FileReference;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** Where to fetch a stored file version until {@code expiresAt}: absolute, or relative to the API's own address. */
public record FileDownload(FileReference file, URI url, Instant expiresAt) {

    public FileDownload {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
