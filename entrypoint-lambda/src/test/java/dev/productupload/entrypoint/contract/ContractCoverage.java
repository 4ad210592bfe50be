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
 * After a contract test class, every status the document gives its operations has been answered by the server,
 * except the gateway-only ones: a documented promise nothing drives fails the class.
 */
final class ContractCoverage implements AfterAllCallback {

    private static final Map<String, Set<Integer>> ANSWERED = new ConcurrentHashMap<>();

    private final List<String> operationIds;

    private ContractCoverage(List<String> operationIds) {
        this.operationIds = List.copyOf(operationIds);
    }

    /** The operations (by {@code operationId}) whose every documented status the class drives. */
    static ContractCoverage of(String... operationIds) {
        return new ContractCoverage(List.of(operationIds));
    }

    List<String> operationIds() {
        return operationIds;
    }

    static void answered(String operationId, int status) {
        ANSWERED.computeIfAbsent(operationId, id -> new TreeSet<>()).add(status);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        OpenApiDocument document = OpenApiDocument.load();
        for (String operationId : operationIds) {
            OpenApiDocument.Operation operation = document.operation(operationId);
            Set<Integer> expected = new TreeSet<>(operation.statuses());
            expected.removeAll(operation.gatewayOnlyStatuses());
            assertThat(ANSWERED.getOrDefault(operationId, Set.of()))
                    .as("statuses of %s that docs/openapi.yaml documents and the server answered", operationId)
                    .containsExactlyElementsOf(expected);
        }
    }
}
