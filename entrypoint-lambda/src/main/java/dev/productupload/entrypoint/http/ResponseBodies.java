package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ProductPage;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.in.VersionPage;

import java.io.UncheckedIOException;
import java.util.List;

/** Writes the JSON bodies of the contract: the 201 result, products, pages of versions and of the listing, RFC 9457 problem details. */
final class ResponseBodies {

    /**
     * The most errors a problem lists (the first by field; its detail gives the count) and the longest field name
     * it quotes (a map's key is part of its field's name), so that no request can make its answer outgrow what it
     * sent, or Lambda's 6 MB response.
     */
    static final int MAX_ERRORS = 100;
    static final int MAX_FIELD_LENGTH = 256;

    private final ObjectMapper json;

    ResponseBodies(ObjectMapper json) {
        this.json = json;
    }

    byte[] created(String requestId, UploadResult result) {
        ObjectNode body = json.createObjectNode();
        body.put("requestId", requestId);
        body.set("product", productNode(result.product()));
        if (result.file() != null) {
            body.set("file", file(result.file()));
        }
        return bytes(body);
    }

    /** A product version in the shape of {@code product} in the upload's answer. */
    byte[] product(Product product) {
        return bytes(productNode(product));
    }

    /** {@code {"items":[...], "nextCursor":"..."}}, the cursor left out on the last page. */
    byte[] versions(VersionPage page) {
        return page(page.items(), page.nextCursor());
    }

    /** A page of the listing, in the same shape as a page of versions. */
    byte[] products(ProductPage page) {
        return page(page.items(), page.nextCursor());
    }

    private byte[] page(List<Product> products, String nextCursor) {
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        products.forEach(product -> items.add(productNode(product)));
        if (nextCursor != null) {
            body.put("nextCursor", nextCursor);
        }
        return bytes(body);
    }

    /**
     * A field name as a problem quotes it: at most {@link #MAX_FIELD_LENGTH} characters, the rest cut and marked
     * with an ellipsis, never between the two halves of a surrogate pair.
     */
    static String shortened(String field) {
        return field.length() <= MAX_FIELD_LENGTH ? field : ClientText.prefix(field, MAX_FIELD_LENGTH - 1) + "\u2026";
    }

    byte[] problem(Problem problem, String detail, String requestId, List<Violation> violations) {
        return problem(problem, detail, requestId, violations, null);
    }

    /** A problem body; {@code currentVersion}, when not null, tells a client that lost a race what to rebase on. */
    byte[] problem(Problem problem, String detail, String requestId, List<Violation> violations, Long currentVersion) {
        ObjectNode body = json.createObjectNode();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", detail);
        body.put("requestId", requestId);
        if (currentVersion != null) {
            body.put("currentVersion", currentVersion);
        }
        if (!violations.isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (Violation violation : violations.subList(0, Math.min(violations.size(), MAX_ERRORS))) {
                errors.addObject().put("field", shortened(violation.field())).put("message", violation.message());
            }
        }
        return bytes(body);
    }

    private ObjectNode productNode(Product product) {
        ObjectNode node = json.createObjectNode();
        node.put("productId", product.productId());
        node.put("productName", product.productName());
        node.put("price", product.price());
        node.put("currency", product.currency());
        if (product.description() != null) {
            node.put("description", product.description());
        }
        ObjectNode attributes = node.putObject("attributes");
        product.attributes().forEach(attributes::put);
        node.put("version", product.version());
        node.put("createdAt", product.createdAt().toString());
        node.put("updatedAt", product.updatedAt().toString());
        ArrayNode files = node.putArray("files");
        product.files().forEach(file -> files.add(file(file)));
        return node;
    }

    private ObjectNode file(FileReference file) {
        ObjectNode node = json.createObjectNode();
        node.put("fileId", file.fileId());
        node.put("key", file.key());
        node.put("versionId", file.versionId());
        node.put("fileName", file.fileName());
        node.put("contentType", file.contentType());
        node.put("size", file.size());
        node.putObject("checksum")
                .put("algorithm", file.checksum().algorithm())
                .put("value", file.checksum().value());
        node.put("uploadedAt", file.uploadedAt().toString());
        return node;
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
