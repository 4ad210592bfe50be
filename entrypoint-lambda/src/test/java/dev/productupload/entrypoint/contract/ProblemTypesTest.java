package dev.productupload.entrypoint.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.entrypoint.http.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem types of docs/openapi.yaml are those of the code's one mapping ({@link Problem}) plus the gateway's own:
 * each listed once with its status and meaning, and every example of a problem carries its type's status and title.
 */
class ProblemTypesTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(urn:[^`]+)` \\| (\\d{3}|\\dxx) \\| (.+) \\|$", Pattern.MULTILINE);
    private static final String GATEWAY = "API Gateway:";

    private final OpenApiDocument document = OpenApiDocument.load();
    private final JsonNode type = document.root().at("/components/schemas/Problem/properties/type");

    /** A row of the list in the type's description. */
    private record Row(String type, String status, String meaning) {
    }

    private Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(type.path("description").asText());
        while (row.find()) {
            assertThat(rows.put(row.group(1), new Row(row.group(1), row.group(2), row.group(3))))
                    .as("%s is listed once", row.group(1)).isNull();
        }
        return rows;
    }

    @Test
    void listsEachTypeOfTheEnumOnceWithItsStatusAndMeaning() {
        // given
        List<String> enumerated = new ArrayList<>();
        type.path("enum").forEach(value -> enumerated.add(value.asText()));

        // then
        assertThat(rows().keySet()).containsExactlyInAnyOrderElementsOf(enumerated);
    }

    @Test
    void listsEveryProblemOfTheCodeWithItsStatus() {
        // given
        Map<String, Row> rows = rows();

        // then
        for (Problem problem : Problem.values()) {
            assertThat(rows).as("the list of problem types").containsKey(problem.type());
            Row row = rows.get(problem.type());
            assertThat(row.status()).as("status of %s", problem.type()).isEqualTo(Integer.toString(problem.status()));
            assertThat(row.meaning()).as("meaning of %s", problem.type()).doesNotStartWith(GATEWAY);
        }
    }

    @Test
    void saysWhichTypesOnlyTheGatewayGives() {
        // given
        List<String> ours = Arrays.stream(Problem.values()).map(Problem::type).toList();

        // then
        rows().values().stream().filter(row -> !ours.contains(row.type())).forEach(row ->
                assertThat(row.meaning()).as("meaning of %s, which the code never gives", row.type()).startsWith(GATEWAY));
    }

    @Test
    void everyProblemExampleCarriesTheStatusAndTitleOfItsType() {
        // given
        Map<String, Row> rows = rows();
        Map<String, Problem> ours = Arrays.stream(Problem.values()).collect(Collectors.toMap(Problem::type, p -> p));
        List<String> checked = new ArrayList<>();

        // when
        for (OpenApiDocument.Operation operation : document.operations()) {
            for (int status : operation.statuses()) {
                operation.examples(status, "application/problem+json").forEach((name, value) -> {
                    String where = operation.id() + " " + status + " " + name;
                    String problemType = value.path("type").asText();
                    assertThat(rows).as("type of %s", where).containsKey(problemType);
                    assertThat(value.path("status").asInt()).as("status of %s", where).isEqualTo(status);
                    assertThat(rows.get(problemType).status()).as("listed status of %s", where)
                            .isIn(Integer.toString(status), status / 100 + "xx");
                    if (ours.containsKey(problemType)) {
                        assertThat(value.path("title").asText()).as("title of %s", where)
                                .isEqualTo(ours.get(problemType).title());
                    }
                    checked.add(problemType);
                });
            }
        }

        // then: every problem the code can give is shown on some operation
        assertThat(checked).containsAll(ours.keySet());
    }
}
