package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ReadProductsQuery;
import dev.productupload.domain.port.in.VersionPage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /products/{productId}/versions?limit=&cursor=}: a page of versions, newest first, with the cursor of
 * the next page unless it is the last.
 */
final class ListProductVersionsEndpoint implements Endpoint {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final ReadProductsQuery reads;
    private final ResponseBodies bodies;

    ListProductVersionsEndpoint(ReadProductsQuery reads, ResponseBodies bodies) {
        this.reads = reads;
        this.bodies = bodies;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        String productId = request.pathParameter("productId");
        VersionPage page = reads.versions(productId, limit(request.queryParameter("limit")),
                request.queryParameter("cursor"));
        log.productId = productId;
        return HttpResponse.json(200, bodies.versions(page));
    }

    private static int limit(String value) {
        if (value == null) {
            return ProductRules.VERSIONS_PAGE_DEFAULT;
        }
        if (!DIGITS.matcher(value).matches()) {
            throw new RequestRejectedException(Problem.INVALID_REQUEST, "1 field(s) break the rules; see errors",
                    List.of(new Violation("limit", "must be a whole number, 1-" + ProductRules.VERSIONS_PAGE_MAX)));
        }
        return Integer.parseInt(value);
    }
}
