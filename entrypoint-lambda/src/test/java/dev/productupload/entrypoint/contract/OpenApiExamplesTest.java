package dev.productupload.entrypoint.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.entrypoint.http.UploadRequestReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example in docs/openapi.yaml conforms to its own schema, checked by the validator the handler uses. */
class OpenApiExamplesTest {

    private final OpenApiDocument document = OpenApiDocument.load();

    @Test
    void everyExampleConformsToItsSchema() {
        // given
        Map<String, JsonNode> examples = examplesBySchemaPointer();

        // when
        Map<String, Set<String>> broken = new LinkedHashMap<>();
        examples.forEach((where, example) -> {
            String schemaPointer = where.substring(0, where.indexOf(" "));
            Set<String> violations = document.violations(schemaPointer, example);
            if (!violations.isEmpty()) {
                broken.put(where, violations);
            }
        });

        // then
        assertThat(examples).as("examples found in the document").hasSizeGreaterThanOrEqualTo(17);
        assertThat(broken).as("examples that break their schema").isEmpty();
    }

    @Test
    void aBrokenExampleIsCaught() {
        // given: the 201 example without its required product
        String schema = "/paths/~1upload/post/responses/201/content/application~1json/schema";
        JsonNode example = document.root().at("/paths/~1upload/post/responses/201/content/application~1json/examples/created/value")
                .deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).remove("product");

        // when
        Set<String> violations = document.violations(schema, example);

        // then
        assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("product"));
    }

    @Test
    void takesTheRequestSchemaFromTheResourceTheHandlerValidatesWith() {
        // given
        JsonNode reference = document.root().at("/paths/~1upload/post/requestBody/content/application~1json/schema/$ref");

        // when
        Path referenced = OpenApiDocument.PATH.getParent().resolve(reference.asText()).normalize();

        // then
        assertThat(referenced).isEqualTo(Path.of("src", "main", "resources")
                .resolve(UploadRequestReader.SCHEMA_RESOURCE.substring(1)).toAbsolutePath().normalize());
        assertThat(referenced).exists();
    }

    /**
     * Each example of a media type, parameter or header (keyed "schema pointer + example pointer"), and each entry of
     * a schema's own {@code examples} list.
     */
    private Map<String, JsonNode> examplesBySchemaPointer() {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        OpenApiDocument.walk(document.root(), "", (pointer, node) -> {
            if (!node.isObject()) {
                return;
            }
            if (node.has("schema")) {
                String schema = pointer + "/schema";
                if (node.has("example")) {
                    found.put(schema + " " + pointer + "/example", node.get("example"));
                }
                node.path("examples").fields().forEachRemaining(example -> {
                    String at = pointer + "/examples/" + OpenApiDocument.escape(example.getKey());
                    OpenApiDocument.Located value = document.resolve(at, example.getValue());
                    assertThat(value.node().has("value")).as("%s has a value", value.pointer()).isTrue();
                    found.put(schema + " " + at, value.node().get("value"));
                });
            } else if (node.path("examples").isArray()) {
                for (int i = 0; i < node.get("examples").size(); i++) {
                    found.put(pointer + " " + pointer + "/examples/" + i, node.get("examples").get(i));
                }
            }
        });
        return found;
    }
}
