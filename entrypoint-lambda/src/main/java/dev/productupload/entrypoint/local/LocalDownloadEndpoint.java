package dev.productupload.entrypoint.local;

import dev.productupload.adapters.local.SignedDownloadLinks;
import dev.productupload.adapters.local.StoredContent;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.entrypoint.http.Endpoint;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.Problem;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.RequestRejectedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /downloads/{token}}, the local stores' presigned URL: the bytes of exactly the signed file version,
 * with its content type and as an attachment, while the link is valid. A link that was edited, has expired or is
 * from before a restart names no resource: 404 {@code not-found}.
 */
final class LocalDownloadEndpoint implements Endpoint {

    static final String TEMPLATE = SignedDownloadLinks.PATH_PREFIX + "{token}";

    private final SignedDownloadLinks links;
    private final BiFunction<String, String, Optional<StoredContent>> versions;

    /** @param versions finds one stored version by key and version id, to stream */
    LocalDownloadEndpoint(SignedDownloadLinks links, BiFunction<String, String, Optional<StoredContent>> versions) {
        this.links = links;
        this.versions = versions;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        SignedDownloadLinks.Grant grant = links.verify(request.pathParameter("token"))
                .orElseThrow(() -> new RequestRejectedException(Problem.NOT_FOUND,
                        "the link was edited, has expired, or was issued before the server restarted; "
                                + "ask GET /products/{productId}/files/{fileId} for a new one"));
        StoredContent content = versions.apply(grant.key(), grant.versionId())
                .orElseThrow(() -> new RequestRejectedException(Problem.FILE_NOT_FOUND,
                        "the file version this link names is no longer stored"));
        return HttpResponse.streamed(200, Map.of("Content-Type", grant.contentType(),
                "Content-Disposition", FileStorage.attachmentDisposition(grant.fileName()),
                "Cache-Control", "private, no-store"), new HttpResponse.Streamed() {
                    @Override
                    public long length() {
                        return content.length();
                    }

                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        try (InputStream in = content.opener().open()) {
                            in.transferTo(out);
                        }
                    }
                });
    }
}
