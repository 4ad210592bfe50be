package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ReadProductsQuery;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /products/{productId}/versions/{version}}: one version exactly as it was stored. */
final class GetProductVersionEndpoint implements Endpoint {

    private static final Pattern POSITIVE_WHOLE_NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

    private final ReadProductsQuery reads;
    private final ResponseBodies bodies;

    GetProductVersionEndpoint(ReadProductsQuery reads, ResponseBodies bodies) {
        this.reads = reads;
        this.bodies = bodies;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        String version = request.pathParameter("version");
        if (version == null || !POSITIVE_WHOLE_NUMBER.matcher(version).matches()) {
            throw new RequestRejectedException(Problem.INVALID_REQUEST, "1 field(s) break the rules; see errors",
                    List.of(new Violation("version", "must be a whole number, 1 or more, in digits")));
        }
        Product product = reads.version(request.pathParameter("productId"), Long.parseLong(version));
        log.productId = product.productId();
        log.version = product.version();
        return new HttpResponse(200, Map.of("Content-Type", "application/json", "ETag",
                EntityTags.of(product.version())), bodies.product(product));
    }
}
