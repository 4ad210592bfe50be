package dev.productupload.entrypoint.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * docs/openapi.yaml as the tests read it: its operations and responses, and any of its schemas as a validator of the
 * same JSON Schema library the handler validates requests with (networknt), in the OpenAPI 3.1 dialect.
 */
final class OpenApiDocument {

    static final Path PATH = Path.of("..", "docs", "openapi.yaml").toAbsolutePath().normalize();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final OpenApiDocument INSTANCE = new OpenApiDocument();

    private final JsonNode root;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private final Map<String, JsonSchema> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build();

    /** A node of the document with its JSON pointer, a local {@code $ref} followed to where it points. */
    record Located(String pointer, JsonNode node) {
    }

    /** One operation of the document: where it is and what it answers. */
    record Operation(String id, String method, String path, String pointer, JsonNode node, OpenApiDocument document) {

        Set<Integer> statuses() {
            Set<Integer> statuses = new TreeSet<>();
            node.path("responses").fieldNames().forEachRemaining(status -> statuses.add(Integer.parseInt(status)));
            return statuses;
        }

        /** Statuses only API Gateway gives (marked {@code x-gateway-only}): the local server cannot be asked for them. */
        Set<Integer> gatewayOnlyStatuses() {
            return statuses().stream()
                    .filter(status -> response(status).orElseThrow().node().path("x-gateway-only").asBoolean(false))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** The response documented for a status, from {@code components} when it is a reference. */
        Optional<Located> response(int status) {
            String at = pointer + "/responses/" + status;
            JsonNode response = node.path("responses").get(Integer.toString(status));
            return Optional.ofNullable(response).map(found -> document.resolve(at, found));
        }

        /** The examples of a response's media type, each with its value, references followed. */
        Map<String, JsonNode> examples(int status, String mediaType) {
            Map<String, JsonNode> examples = new java.util.LinkedHashMap<>();
            response(status).ifPresent(response -> {
                String at = response.pointer() + "/content/" + escape(mediaType) + "/examples";
                response.node().path("content").path(mediaType).path("examples").fields().forEachRemaining(example ->
                        examples.put(example.getKey(), document.resolve(at + "/" + escape(example.getKey()),
                                example.getValue()).node().path("value")));
            });
            return examples;
        }
    }

    private OpenApiDocument() {
        try {
            root = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readTree(PATH.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiDocument load() {
        return INSTANCE;
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getValue().path("operationId").asText(),
                        method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        "/paths/" + escape(path.getKey()) + "/" + method.getKey(), method.getValue(), this));
            }
        }));
        return operations;
    }

    Operation operation(String operationId) {
        return operations().stream().filter(operation -> operation.id().equals(operationId)).findFirst()
                .orElseThrow(() -> new AssertionError("docs/openapi.yaml has no operation " + operationId));
    }

    /** Follows local references ({@code #/components/...}) from a node to what it stands for. */
    Located resolve(String pointer, JsonNode node) {
        String at = pointer;
        JsonNode resolved = node;
        while (resolved.has("$ref") && resolved.get("$ref").asText().startsWith("#/")) {
            at = resolved.get("$ref").asText().substring(1);
            resolved = root.at(at);
            if (resolved.isMissingNode()) {
                throw new AssertionError("docs/openapi.yaml refers to " + at + ", which it does not have");
            }
        }
        return new Located(at, resolved);
    }

    /** The schema at a JSON pointer into the document, its references resolved from the document's own location. */
    JsonSchema schemaAt(String pointer) {
        return loaded.computeIfAbsent(pointer, at -> {
            JsonSchema schema = schemas.getSchema(SchemaLocation.of(PATH.toUri() + "#" + at), config);
            schema.initializeValidators();
            return schema;
        });
    }

    /** What is wrong with an instance by the schema at a pointer; empty when it conforms. */
    Set<String> violations(String schemaPointer, JsonNode instance) {
        Set<ValidationMessage> messages = schemaAt(schemaPointer).validate(instance);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A JSON pointer token: {@code /upload} becomes {@code ~1upload}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Every node of the document with its pointer, depth first. */
    static void walk(JsonNode node, String pointer, java.util.function.BiConsumer<String, JsonNode> visitor) {
        visitor.accept(pointer, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), pointer + "/" + escape(field.getKey()), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
