package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.port.in.FindProductsQuery;
import dev.productupload.domain.port.in.ReadProductsQuery;
import dev.productupload.domain.port.in.UploadProductUseCase;

import java.util.List;

/** The routes of the API, the same for the Lambda function and the local server: one line per route. */
public final class Api {

    public static final String UPLOAD = "/upload";

    /** An upload that names a product that cannot exist with an expected version: refused before anything is stored. */
    private static final String UPLOAD_PRIMING_BODY = "{\"fileName\":\"priming.txt\",\"fileData\":\"cHJpbWluZw==\","
            + "\"contentType\":\"text/plain\",\"productData\":{\"productId\":\"{productId}\",\"expectedVersion\":1,"
            + "\"productName\":\"Priming\",\"price\":1.00,\"currency\":\"USD\",\"description\":\"priming\","
            + "\"attributes\":{\"priming\":\"yes\"}}}";

    private Api() {
    }

    public static RouteTable routes(UploadProductUseCase upload, ReadProductsQuery reads, FindProductsQuery finds,
                                    ObjectMapper json, ApiSettings settings) {
        ResponseBodies bodies = new ResponseBodies(json);
        return RouteTable.of(List.of(
                Route.postJson(UPLOAD, new UploadEndpoint(upload, json, settings), UPLOAD_PRIMING_BODY),
                Route.get("/products", new ListProductsEndpoint(finds, bodies)),
                Route.get("/products/{productId}", new GetProductEndpoint(reads, bodies)),
                Route.get("/products/{productId}/versions", new ListProductVersionsEndpoint(reads, bodies)),
                Route.get("/products/{productId}/versions/{version}", new GetProductVersionEndpoint(reads, bodies)),
                Route.get("/products/{productId}/files/{fileId}", new DownloadFileEndpoint(reads))));
    }
}
