package dev.productupload.domain.port.in;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a client needs to send a staged file: the {@code PUT} URL, the headers it must send exactly as given (they
 * are part of the signature), and when the URL stops working. The URL may be relative to the API's own address.
 */
public record UploadTicket(String uploadId, URI url, String method, Map<String, String> headers, Instant expiresAt) {

    public UploadTicket {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = Map.copyOf(headers);
    }
}
