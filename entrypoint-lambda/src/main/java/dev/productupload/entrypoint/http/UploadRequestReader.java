package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request body into an {@link UploadCommand}: JSON syntax, the request schema (the same schema
 * API Gateway validates with), then base64. Rules of the business are left to the use case.
 */
public final class UploadRequestReader {

    /** Classpath location of the request schema, shared with the docs and the API Gateway model. */
    public static final String SCHEMA_RESOURCE = "/schema/upload-request.schema.json";

    /** What a 413 of the upload tells the client to do instead. */
    static final String STAGED_HINT = "Send a larger file as a staged upload: POST /products/{productId}/uploads, "
            + "PUT the file to the URL it answers, then POST /products/{productId}/uploads/{uploadId}/complete";

    private final ObjectMapper json;
    private final JsonSchema schema;
    private final ApiSettings settings;

    public UploadRequestReader(ObjectMapper json, ApiSettings settings) {
        this.json = json;
        this.settings = settings;
        this.schema = loadSchema();
    }

    private static JsonSchema loadSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.LEGACY).build();
        try (InputStream in = UploadRequestReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("request schema missing from the classpath: " + SCHEMA_RESOURCE);
            }
            JsonSchema loaded = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, config);
            loaded.initializeValidators();
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a body says: the command built from every field of the right type, the fields that break the schema
     * or are not base64, and which of those could not be read into the command at all ({@code $} when the body
     * is no object). A body that is not JSON, or holds a file over the limit, is refused at once.
     */
    public record ReadRequest(UploadCommand command, List<Violation> violations, Set<String> unreadable) {
    }

    public ReadRequest read(byte[] body) {
        // The file's base64 goes from the body's bytes to one byte per character for the decoder, never into a String.
        RootFieldBytes.Read read = parseBody(json, body, "fileData", RootFieldBytes.Encoding.LATIN_1);
        JsonNode root = read.tree();
        Set<String> unreadable = new HashSet<>();
        List<Violation> violations = schemaViolations(root, unreadable);
        if (!root.isObject()) {
            unreadable.add("$");
            return new ReadRequest(new UploadCommand(null, null, null, null), violations, unreadable);
        }
        JsonNode product = root.get("productData");
        UploadCommand command = new UploadCommand(
                text(root, "fileName"),
                fileData(root.get("fileData"), read.value(), violations, unreadable),
                text(root, "contentType"),
                product != null && product.isObject() ? productData(product) : null);
        return new ReadRequest(command, violations, unreadable);
    }

    /** The body as one JSON tree, its numbers bounded; an empty or malformed body is 400 {@code malformed-json}. */
    static JsonNode parseBody(ObjectMapper json, byte[] body) {
        return parseBody(json, body, null, null).tree();
    }

    /** As {@link #parseBody(ObjectMapper, byte[])}, with the root's string {@code field} as bytes, if named. */
    static RootFieldBytes.Read parseBody(ObjectMapper json, byte[] body, String field, RootFieldBytes.Encoding encoding) {
        try {
            RootFieldBytes.Read read;
            if (field == null) {
                try (JsonParser parser = NumberBounds.bounded(json.createParser(body))) {
                    read = new RootFieldBytes.Read(json.readTree(parser), null);
                }
            } else {
                read = RootFieldBytes.read(json, body, field, encoding, NumberBounds::bounded);
            }
            if (read.tree() == null) {
                throw new RequestRejectedException(Problem.MALFORMED_JSON, "the body is empty; send a JSON object");
            }
            return read;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new RequestRejectedException(Problem.MALFORMED_JSON, "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Violation> schemaViolations(JsonNode root, Set<String> unreadable) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(root)) {
            Violation violation = violationOf(message);
            violations.add(violation);
            if ("type".equals(message.getType())) {
                unreadable.add(violation.field());
            }
        }
        return violations;
    }

    /** A schema message as a violation of the field it is about; an unknown field is named as itself. */
    static Violation violationOf(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String field = location.equals("$") ? "" : location.substring(2);
        String text = message.getMessage();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
            field = field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
            text = "is not a known field";
        }
        return new Violation(field.isEmpty() ? "$" : field, text);
    }

    /**
     * {@code latin1} is the field's text, one byte per character; a character beyond U+00FF is a {@code ?}, which
     * the decoder refuses as it refuses the character itself.
     */
    private byte[] fileData(JsonNode node, ByteBuffer latin1, List<Violation> violations, Set<String> unreadable) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        ByteBuffer encoded = latin1;
        long decodedSize = (long) encoded.remaining() / 4 * 3;
        if (decodedSize > settings.maxFileBytes() + 2L) {
            throw tooLarge(decodedSize);
        }
        byte[] decoded;
        try {
            // The JDK decoder takes a missing '=' padding as the end of the data; the contract asks for it.
            if (encoded.remaining() % 4 != 0) {
                throw new IllegalArgumentException("not padded");
            }
            decoded = RootFieldBytes.arrayOf(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("fileData",
                    "must be standard base64 (RFC 4648 section 4) with padding and without line breaks"));
            unreadable.add("fileData");
            return null;
        }
        if (decoded.length > settings.maxFileBytes()) {
            throw tooLarge(decoded.length);
        }
        return decoded;
    }

    private RequestRejectedException tooLarge(long size) {
        return new RequestRejectedException(Problem.PAYLOAD_TOO_LARGE,
                "the file is about " + size + " bytes; the limit is " + settings.maxFileBytes() + " bytes. " + STAGED_HINT);
    }

    private static ProductData productData(JsonNode product) {
        JsonNode price = product.get("price");
        JsonNode expectedVersion = product.get("expectedVersion");
        return new ProductData(
                text(product, "productId"),
                text(product, "productName"),
                price != null && price.isNumber() ? price.decimalValue() : null,
                text(product, "currency"),
                text(product, "description"),
                attributes(product.get("attributes")),
                expectedVersion != null && expectedVersion.canConvertToExactIntegral() && expectedVersion.canConvertToLong()
                        ? expectedVersion.longValue() : null);
    }

    private static Map<String, String> attributes(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                attributes.put(entry.getKey(), entry.getValue().textValue());
            }
        });
        return attributes;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
