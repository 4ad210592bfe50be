package dev.productupload.entrypoint.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the tests read docs/openapi.yaml: operations, statuses and local references. */
class OpenApiDocumentTest {

    private final OpenApiDocument document = OpenApiDocument.load();

    @Test
    void followsALocalReferenceToWhereItPoints() {
        // given
        var reference = JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/Problem");

        // when
        OpenApiDocument.Located resolved = document.resolve("/somewhere", reference);

        // then
        assertThat(resolved.pointer()).isEqualTo("/components/schemas/Problem");
        assertThat(resolved.node().path("properties").has("requestId")).isTrue();
    }

    @Test
    void refusesAReferenceToNothing() {
        var reference = JsonNodeFactory.instance.objectNode().put("$ref", "#/components/responses/Nothing");

        assertThatThrownBy(() -> document.resolve("/somewhere", reference))
                .hasMessageContaining("/components/responses/Nothing");
    }

    @Test
    void readsTheStatusesOfAnOperationAndWhichOnlyTheGatewayGives() {
        // when
        OpenApiDocument.Operation upload = document.operation("upload");

        // then
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.statuses()).contains(201, 400, 401, 403, 429, 500);
        assertThat(upload.gatewayOnlyStatuses()).containsExactly(401, 403, 429);
        assertThat(upload.examples(409, "application/problem+json")).containsKeys("versionConflict", "fileLimitExceeded");
    }
}
