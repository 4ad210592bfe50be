package dev.productupload.entrypoint.contract;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a contract test class, every status the document gives its operations has been answered by the server, and
 * every problem type the document shows for a status has been answered with it, except the gateway-only statuses:
 * a documented promise that nothing drives fails the class.
 */
final class ContractCoverage implements AfterAllCallback {

    private static final Map<String, Set<String>> ANSWERED = new ConcurrentHashMap<>();

    private final List<String> operationIds;

    private ContractCoverage(List<String> operationIds) {
        this.operationIds = List.copyOf(operationIds);
    }

    /** The operations (by {@code operationId}) whose every documented status and problem type the class drives. */
    static ContractCoverage of(String... operationIds) {
        return new ContractCoverage(List.of(operationIds));
    }

    List<String> operationIds() {
        return operationIds;
    }

    /** Notes an answer: its status, and its problem type when it is a problem. */
    static void answered(String operationId, int status, String problemType) {
        Set<String> answered = ANSWERED.computeIfAbsent(operationId, id -> ConcurrentHashMap.newKeySet());
        answered.add(Integer.toString(status));
        if (problemType != null) {
            answered.add(status + " " + problemType);
        }
    }

    /** Each documented status, and "status type" for each problem type its examples show. */
    static Set<String> promised(OpenApiDocument.Operation operation) {
        Set<String> promised = new TreeSet<>();
        for (int status : operation.statuses()) {
            if (operation.gatewayOnlyStatuses().contains(status)) {
                continue;
            }
            promised.add(Integer.toString(status));
            operation.examples(status, "application/problem+json").values()
                    .forEach(example -> promised.add(status + " " + example.path("type").asText()));
        }
        return promised;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        OpenApiDocument document = OpenApiDocument.load();
        for (String operationId : operationIds) {
            assertThat(new TreeSet<>(ANSWERED.getOrDefault(operationId, Set.of())))
                    .as("statuses and problem types of %s that docs/openapi.yaml documents and the server answered",
                            operationId)
                    .containsExactlyElementsOf(promised(document.operation(operationId)));
        }
    }
}
