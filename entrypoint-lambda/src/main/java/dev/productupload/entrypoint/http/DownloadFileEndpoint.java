package dev.productupload.entrypoint.http;

import dev.productupload.domain.port.in.FileDownload;
import dev.productupload.domain.port.in.ReadProductsQuery;

import java.util.Map;

/**
 * {@code GET /products/{productId}/files/{fileId}}: 307 to a short-lived link that serves exactly the stored
 * object version; never cached, since the link expires.
 */
final class DownloadFileEndpoint implements Endpoint {

    private final ReadProductsQuery reads;

    DownloadFileEndpoint(ReadProductsQuery reads) {
        this.reads = reads;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        FileDownload download = reads.download(request.pathParameter("productId"), request.pathParameter("fileId"));
        log.productId = request.pathParameter("productId");
        return new HttpResponse(307, Map.of("Location", download.url().toString(), "Cache-Control", "no-store"), null);
    }
}
