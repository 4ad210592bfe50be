package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.port.in.CreateUploadCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the body of {@code POST /products/{productId}/uploads} into a {@link CreateUploadCommand}: JSON syntax, the
 * request schema (the one API Gateway validates with), then the fields. Rules of the business are the use case's.
 */
final class CreateUploadRequestReader {

    /** Classpath location of the request schema, shared with the docs and the API Gateway model. */
    static final String SCHEMA_RESOURCE = "/schema/create-upload-request.schema.json";

    private final ObjectMapper json;
    private final JsonSchema schema;

    CreateUploadRequestReader(ObjectMapper json) {
        this.json = json;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.LEGACY).build();
        try (InputStream in = CreateUploadRequestReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("request schema missing from the classpath: " + SCHEMA_RESOURCE);
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, config);
            this.schema.initializeValidators();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the body says, the fields that break the schema, and the fields it holds that could not be read into the
     * command (of the wrong kind, or a size beyond a long): for those the schema's word stands, not "is required".
     */
    record ReadRequest(CreateUploadCommand command, List<Violation> violations, Set<String> unreadable) {
    }

    ReadRequest read(String productId, byte[] body) {
        JsonNode root = UploadRequestReader.parseBody(json, body);
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(root)) {
            Violation violation = UploadRequestReader.violationOf(message);
            if ("required".equals(message.getType()) && message.getProperty() != null) {
                String parent = violation.field().equals("$") ? "" : violation.field() + ".";
                violation = new Violation(parent + message.getProperty(), "is required");
            }
            violations.add(violation);
        }
        JsonNode checksum = root.get("checksum");
        JsonNode size = root.get("size");
        CreateUploadCommand command = new CreateUploadCommand(productId, text(root, "fileName"),
                text(root, "contentType"),
                size != null && size.canConvertToExactIntegral() && size.canConvertToLong() ? size.longValue() : null,
                checksum != null && checksum.isObject()
                        ? new CreateUploadCommand.AnnouncedChecksum(text(checksum, "algorithm"), text(checksum, "value"))
                        : null);
        Set<String> unreadable = new HashSet<>();
        unreadableIf(root, "fileName", command.fileName(), unreadable, "");
        unreadableIf(root, "contentType", command.contentType(), unreadable, "");
        unreadableIf(root, "size", command.size(), unreadable, "");
        unreadableIf(root, "checksum", command.checksum(), unreadable, "");
        if (command.checksum() != null) {
            unreadableIf(checksum, "algorithm", command.checksum().algorithm(), unreadable, "checksum.");
            unreadableIf(checksum, "value", command.checksum().value(), unreadable, "checksum.");
        }
        return new ReadRequest(command, violations, unreadable);
    }

    private static void unreadableIf(JsonNode parent, String field, Object read, Set<String> unreadable, String prefix) {
        if (parent.isObject() && parent.has(field) && read == null) {
            unreadable.add(prefix + field);
        }
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
