package dev.productupload.entrypoint.contract;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of docs/openapi.yaml has its contract test, {@code <OperationId>ContractIT} in this package, whose
 * {@link ContractCoverage} holds it to every status the document gives that operation.
 */
class EveryOperationHasAContractTest {

    @Test
    void everyOperationHasAContractTestThatCoversIt() {
        // given
        List<OpenApiDocument.Operation> operations = OpenApiDocument.load().operations();

        // then
        assertThat(operations).isNotEmpty();
        for (OpenApiDocument.Operation operation : operations) {
            assertThat(operation.id()).as("operationId of %s %s", operation.method(), operation.path()).isNotBlank();
            String name = getClass().getPackageName() + "." + Character.toUpperCase(operation.id().charAt(0))
                    + operation.id().substring(1) + "ContractIT";
            assertThat(coveredBy(name)).as("operations that %s covers", name).contains(operation.id());
        }
    }

    private static List<String> coveredBy(String className) {
        Class<?> contractTest;
        try {
            contractTest = Class.forName(className);
        } catch (ClassNotFoundException missing) {
            return List.of();
        }
        List<String> covered = new ArrayList<>();
        for (Field field : contractTest.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ContractCoverage.class) {
                try {
                    field.setAccessible(true);
                    covered.addAll(((ContractCoverage) field.get(null)).operationIds());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return covered;
    }
}
