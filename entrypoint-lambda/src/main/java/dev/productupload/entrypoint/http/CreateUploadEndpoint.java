package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.port.in.StagedUploadUseCase;
import dev.productupload.domain.port.in.UploadTicket;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /products/{productId}/uploads}: a staged upload, answered with 201 and the PUT the client sends the
 * file with. A URL relative to the API (the local stores') is made absolute against the request's {@code Host}.
 */
final class CreateUploadEndpoint implements Endpoint {

    private final StagedUploadUseCase staged;
    private final CreateUploadRequestReader reader;
    private final ObjectMapper json;

    CreateUploadEndpoint(StagedUploadUseCase staged, ObjectMapper json) {
        this.staged = staged;
        this.reader = new CreateUploadRequestReader(json);
        this.json = json;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
        String productId = request.pathParameter("productId");
        log.productId = productId;
        CreateUploadRequestReader.ReadRequest read = reader.read(productId, request.body());
        if (!read.violations().isEmpty()) {
            // Every bad field at once; a product rule says in its own words what a schema pattern only hints at.
            Map<String, Violation> byField = new TreeMap<>();
            read.violations().forEach(violation -> byField.putIfAbsent(violation.field(), violation));
            staged.check(read.command()).stream()
                    .filter(rule -> !read.unreadable().contains(rule.field()))
                    .forEach(rule -> byField.put(rule.field(), rule));
            throw new RequestRejectedException(Problem.INVALID_REQUEST,
                    byField.size() + " field(s) break the rules; see errors", List.copyOf(byField.values()));
        }
        UploadTicket ticket = staged.create(read.command());
        log.fileBytes = read.command().size();
        ObjectNode body = json.createObjectNode();
        body.put("requestId", request.requestId());
        body.put("uploadId", ticket.uploadId());
        body.put("url", absolute(ticket.url(), request).toString());
        body.put("method", ticket.method());
        ObjectNode headers = body.putObject("headers");
        new TreeMap<>(ticket.headers()).forEach(headers::put);
        body.put("expiresAt", ticket.expiresAt().toString());
        try {
            return HttpResponse.json(201, json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI absolute(URI url, HttpRequest request) {
        if (url.isAbsolute()) {
            return url;
        }
        String host = request.header("Host");
        return URI.create("http://" + (host == null ? "localhost" : host)).resolve(url);
    }
}
