package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.StagedUploadUseCase;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /products/{productId}/uploads/{uploadId}/complete}: the staged file joins the product as a new
 * version, answered with 201 and the body of {@code POST /upload}. The body is {@code {}} or
 * {@code {"productData":{...}}}, read with the upload's own schema, so its product fields obey the same rules.
 */
final class CompleteUploadEndpoint implements Endpoint {

    private final StagedUploadUseCase staged;
    private final UploadRequestReader reader;
    private final ResponseBodies bodies;

    CompleteUploadEndpoint(StagedUploadUseCase staged, ObjectMapper json, ApiSettings settings) {
        this.staged = staged;
        this.reader = new UploadRequestReader(json, settings);
        this.bodies = new ResponseBodies(json);
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        String productId = request.pathParameter("productId");
        log.productId = productId;
        UploadRequestReader.ReadRequest read = reader.read(request.body());
        Map<String, Violation> byField = new TreeMap<>();
        read.violations().forEach(violation -> byField.putIfAbsent(violation.field(), violation));
        UploadCommand fields = read.command();
        List<String> fileFields = new ArrayList<>();
        if (fields.fileName() != null) {
            fileFields.add("fileName");
        }
        if (fields.fileData() != null) {
            fileFields.add("fileData");
        }
        if (fields.contentType() != null) {
            fileFields.add("contentType");
        }
        fileFields.forEach(field -> byField.put(field, new Violation(field,
                "is not a known field: the file is the one of the upload")));
        if (!byField.isEmpty()) {
            throw new RequestRejectedException(Problem.INVALID_REQUEST,
                    byField.size() + " field(s) break the rules; see errors", List.copyOf(byField.values()));
        }
        UploadResult result = staged.complete(new CompleteUploadCommand(productId, request.pathParameter("uploadId"),
                fields.productData()));
        log.version = result.product().version();
        log.fileBytes = result.file().size();
        return HttpResponse.json(201, bodies.created(request.requestId(), result));
    }
}
