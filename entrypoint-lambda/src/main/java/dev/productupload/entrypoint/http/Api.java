package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.port.in.FindProductsQuery;
import dev.productupload.domain.port.in.ReadProductsQuery;
import dev.productupload.domain.port.in.StagedUploadUseCase;
import dev.productupload.domain.port.in.UploadProductUseCase;

import java.util.List;

/** The routes of the API, the same for the Lambda function and the local server: one line per route. */
public final class Api {

    public static final String UPLOAD = "/upload";
    /** Where a file over the inline limit goes instead. */
    public static final String STAGED_UPLOADS = "/products/{productId}/uploads";
    public static final String COMPLETE_UPLOAD = STAGED_UPLOADS + "/{uploadId}/complete";
    /** A staged upload that breaks the rules (no checksum): refused before anything is signed or stored. */
    private static final String CREATE_UPLOAD_PRIMING_BODY = "{\"fileName\":\"priming.txt\",\"contentType\":\"text/plain\","
            + "\"size\":8}";
    /** The completion of an upload that does not exist: a real read of the session store, then 404. */
    private static final String COMPLETE_UPLOAD_PRIMING_BODY = "{\"productData\":{\"productName\":\"Priming\","
            + "\"price\":1.00,\"expectedVersion\":1}}";

    /** An upload that names a product that cannot exist with an expected version: refused before anything is stored. */
    private static final String UPLOAD_PRIMING_BODY = "{\"fileName\":\"priming.txt\",\"fileData\":\"cHJpbWluZw==\","
            + "\"contentType\":\"text/plain\",\"productData\":{\"productId\":\"{productId}\",\"expectedVersion\":1,"
            + "\"productName\":\"Priming\",\"price\":1.00,\"currency\":\"USD\",\"description\":\"priming\","
            + "\"attributes\":{\"priming\":\"yes\"}}}";

    private Api() {
    }

    public static RouteTable routes(UploadProductUseCase upload, StagedUploadUseCase staged, ReadProductsQuery reads,
                                    FindProductsQuery finds, ObjectMapper json, ApiSettings settings) {
        ResponseBodies bodies = new ResponseBodies(json);
        return RouteTable.of(List.of(
                Route.postJson(UPLOAD, new UploadEndpoint(upload, json, settings), UPLOAD_PRIMING_BODY),
                Route.postJson(STAGED_UPLOADS, new CreateUploadEndpoint(staged, json), CREATE_UPLOAD_PRIMING_BODY),
                Route.postJson(COMPLETE_UPLOAD, new CompleteUploadEndpoint(staged, json, settings),
                        COMPLETE_UPLOAD_PRIMING_BODY),
                Route.get("/products", new ListProductsEndpoint(finds, bodies)),
                Route.get("/products/{productId}", new GetProductEndpoint(reads, bodies)),
                Route.get("/products/{productId}/versions", new ListProductVersionsEndpoint(reads, bodies)),
                Route.get("/products/{productId}/versions/{version}", new GetProductVersionEndpoint(reads, bodies)),
                Route.get("/products/{productId}/files/{fileId}", new DownloadFileEndpoint(reads))));
    }
}
