package dev.productupload.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem type the gateway's own responses give is listed in docs/openapi.yaml with the status the gateway
 * gives it, and every type the document says only API Gateway gives is one the stack's gateway responses give.
 */
class GatewayProblemsDocumentedTest {

    private static final Path OPENAPI = Path.of("..", "docs", "openapi.yaml");
    private static final Pattern ROW = Pattern.compile("^ *\\| `(urn:product-upload:problem:[a-z-]+)` \\| (\\d{3}|\\dxx) \\| (.+) \\|$",
            Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\"type\":\"(urn:product-upload:problem:[a-z-]+)\"");

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.synthesize(Map.of()));
    }

    /** Problem type to status, as the stack's gateway responses give them (4xx or 5xx for the catch-alls). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> gatewayProblems() {
        Map<String, String> problems = new TreeMap<>();
        template.findResources("AWS::ApiGateway::GatewayResponse").values().forEach(resource -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            String body = String.valueOf(((Map<String, Object>) properties.get("ResponseTemplates")).get("application/json"));
            Matcher type = TYPE.matcher(body);
            assertThat(type.find()).as("problem type in %s", body).isTrue();
            Object status = properties.get("StatusCode");
            String responseType = String.valueOf(properties.get("ResponseType"));
            problems.put(type.group(1), status != null ? status.toString()
                    : responseType.equals("DEFAULT_5XX") ? "5xx" : "4xx");
        });
        return problems;
    }

    /** The list of problem types under Problem.type in docs/openapi.yaml: type to [status, meaning]. */
    private static Map<String, String[]> documented() throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(OPENAPI));
        while (row.find()) {
            rows.put(row.group(1), new String[] {row.group(2), row.group(3)});
        }
        assertThat(rows).as("problem types listed in docs/openapi.yaml").isNotEmpty();
        return rows;
    }

    @Test
    void documentsEveryProblemTheGatewayGivesWithItsStatus() throws IOException {
        // given
        Map<String, String[]> documented = documented();

        // then
        gatewayProblems().forEach((type, status) -> {
            assertThat(documented).as("problem types listed in docs/openapi.yaml").containsKey(type);
            assertThat(documented.get(type)[0]).as("documented status of %s", type).isEqualTo(status);
        });
    }

    @Test
    void everyTypeDocumentedAsTheGatewaysIsOneTheStackGives() throws IOException {
        // given
        Map<String, String> gateway = gatewayProblems();

        // then
        documented().forEach((type, row) -> {
            if (row[1].startsWith("API Gateway:")) {
                assertThat(gateway).as("problem types of the stack's gateway responses").containsKey(type);
            }
        });
    }
}
