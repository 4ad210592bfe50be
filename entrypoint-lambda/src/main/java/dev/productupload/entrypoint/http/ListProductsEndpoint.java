package dev.productupload.entrypoint.http;

import dev.productupload.domain.port.in.FindProductsQuery;
import dev.productupload.domain.port.in.ProductSearch;

/**
 * {@code GET /products?currency=&minPrice=&maxPrice=&updatedSince=&limit=&cursor=}: a page of products at their
 * latest version, with the cursor of the next page unless it is the last. The use case checks every parameter.
 */
final class ListProductsEndpoint implements Endpoint {

    private final FindProductsQuery finds;
    private final ResponseBodies bodies;

    ListProductsEndpoint(FindProductsQuery finds, ResponseBodies bodies) {
        this.finds = finds;
        this.bodies = bodies;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        ProductSearch search = new ProductSearch(request.queryParameter("currency"), request.queryParameter("minPrice"),
                request.queryParameter("maxPrice"), request.queryParameter("updatedSince"),
                request.queryParameter("limit"), request.queryParameter("cursor"));
        return HttpResponse.json(200, bodies.products(finds.find(search)));
    }
}
