package dev.productupload.entrypoint.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/openapi.yaml describes the contract the pipeline implements, and takes the request schema from its one source. */
class OpenApiDocumentTest {

    private static final Path OPENAPI = Path.of("..", "docs", "openapi.yaml");

    @Test
    void takesTheRequestSchemaFromTheResourceTheHandlerValidatesWith() throws IOException {
        String openApi = Files.readString(OPENAPI);
        Path schema = Path.of("src", "main", "resources").resolve(UploadRequestReader.SCHEMA_RESOURCE.substring(1));

        assertThat(openApi).contains("$ref: '../entrypoint-lambda/src/main/resources" + UploadRequestReader.SCHEMA_RESOURCE + "'");
        assertThat(schema).exists();
    }

    @Test
    void describesEveryProblemTypeAndStatus() throws IOException {
        String openApi = Files.readString(OPENAPI);

        for (Problem problem : Problem.values()) {
            assertThat(openApi).contains("- " + problem.type());
            assertThat(openApi).contains("'" + problem.status() + "':");
            assertThat(openApi).contains("title: " + problem.title());
        }
    }

    @Test
    void describesEveryRouteOfTheTableWithItsMethod() throws IOException {
        String openApi = Files.readString(OPENAPI);

        for (Route route : new TestApi().api.routes().routes()) {
            assertThat(openApi).contains("\n  " + route.template().text() + ":\n    "
                    + route.method().toLowerCase(java.util.Locale.ROOT) + ":\n");
        }
    }
}
