package dev.productupload.entrypoint.http;

import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ReadProductsQuery;

import java.util.Map;

/**
 * {@code GET /products/{productId}}: the latest version, tagged {@code ETag: "<version>"}; a client that already
 * holds that version ({@code If-None-Match}) gets 304 without a body.
 */
final class GetProductEndpoint implements Endpoint {

    private final ReadProductsQuery reads;
    private final ResponseBodies bodies;

    GetProductEndpoint(ReadProductsQuery reads, ResponseBodies bodies) {
        this.reads = reads;
        this.bodies = bodies;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        Product product = reads.latest(request.pathParameter("productId"));
        log.productId = product.productId();
        log.version = product.version();
        String etag = EntityTags.of(product.version());
        if (EntityTags.matches(request.header("If-None-Match"), etag)) {
            return new HttpResponse(304, Map.of("ETag", etag), null);
        }
        return new HttpResponse(200, Map.of("Content-Type", "application/json", "ETag", etag),
                bodies.product(product));
    }
}
