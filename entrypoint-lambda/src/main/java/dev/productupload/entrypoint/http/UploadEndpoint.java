package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadProductUseCase;
import dev.productupload.domain.port.in.UploadResult;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code POST /upload}: the body becomes an upload command; the new version is answered with 201. */
final class UploadEndpoint implements Endpoint {

    private final UploadProductUseCase upload;
    private final UploadRequestReader reader;
    private final ResponseBodies bodies;

    UploadEndpoint(UploadProductUseCase upload, ObjectMapper json, ApiSettings settings) {
        this.upload = upload;
        this.reader = new UploadRequestReader(json, settings);
        this.bodies = new ResponseBodies(json);
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        UploadCommand command = readCommand(request);
        log.fileBytes = command.fileData() == null ? null : (long) command.fileData().length;
        UploadResult result = upload.upload(command);
        log.productId = result.product().productId();
        log.version = result.product().version();
        return HttpResponse.json(201, bodies.created(request.requestId(), result));
    }

    private UploadCommand readCommand(HttpRequest request) {
        UploadRequestReader.ReadRequest read = reader.read(request.body());
        if (read.violations().isEmpty()) {
            return read.command();
        }
        // Name every bad field at once. A product rule says in its own words what a schema pattern or length
        // only hints at; for a field that could not be read at all (wrong type, not base64) the schema's word stands.
        Map<String, Violation> byField = new TreeMap<>();
        read.violations().forEach(violation -> byField.putIfAbsent(violation.field(), violation));
        if (!read.unreadable().contains("$")) {
            upload.check(read.command()).stream()
                    .filter(rule -> !read.unreadable().contains(rule.field()))
                    .forEach(rule -> byField.put(rule.field(), rule));
        }
        throw new RequestRejectedException(Problem.INVALID_REQUEST,
                byField.size() + " field(s) break the rules; see errors", List.copyOf(byField.values()));
    }
}
