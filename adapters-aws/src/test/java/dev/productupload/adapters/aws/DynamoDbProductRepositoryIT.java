package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(AwsBackendsExtension.class)
class DynamoDbProductRepositoryIT {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbProductRepository repository;

    DynamoDbProductRepositoryIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.dynamoDb = servers.dynamoDbClient(settings);
        this.repository = new DynamoDbProductRepository(dynamoDb, settings.table());
    }

    private static Product product(String id, long version, BigDecimal price, List<FileReference> files,
                                   Map<String, String> attributes, String description) {
        return new Product(id, "Cordless Drill", price, "EUR", description, attributes, version, T0,
                T0.plusSeconds(version), files);
    }

    private static FileReference file(String fileId) {
        return new FileReference(fileId, "products/p-1/files/" + fileId + "/spec.pdf", "v0000000000000001",
                "spec.pdf", "application/pdf", 1234, Checksum.crc32c(new byte[] {1, 2, 3}), T0);
    }

    @Test
    void readsBackEveryFieldOfAProductWithFiles() {
        // given
        Product saved = product("p-1", 1, new BigDecimal("129.90"), List.of(file("f-1"), file("f-2")),
                Map.of("voltage", "18V", "color", "green"), "A drill");

        // when
        repository.saveNewVersion(saved);

        // then
        assertThat(repository.findLatest("p-1")).contains(saved);
    }

    @Test
    void readsBackAProductWithoutOptionalFields() {
        Product saved = product("p-2", 1, new BigDecimal("0.00"), List.of(), Map.of(), null);

        repository.saveNewVersion(saved);

        assertThat(repository.findLatest("p-2")).contains(saved);
    }

    @Test
    void keepsPriceExactThroughTheTable() {
        // given
        BigDecimal price = new BigDecimal("0.10").add(new BigDecimal("0.20"));

        // when
        repository.saveNewVersion(product("p-3", 1, price, List.of(), Map.of(), null));

        // then
        BigDecimal read = repository.findLatest("p-3").orElseThrow().price();
        assertThat(read.toPlainString()).isEqualTo("0.30");
        assertThat(read).isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void returnsTheNumericallyNewestOfManyVersions() {
        for (long version = 1; version <= 12; version++) {
            repository.saveNewVersion(product("p-4", version, BigDecimal.valueOf(version), List.of(), Map.of(), null));
        }

        assertThat(repository.findLatest("p-4").orElseThrow().version()).isEqualTo(12);
    }

    @Test
    void refusesToWriteAVersionThatExistsAsAVersionConflict() {
        // given
        repository.saveNewVersion(product("p-5", 1, BigDecimal.ONE, List.of(), Map.of(), null));

        // when / then
        assertThatThrownBy(() -> repository.saveNewVersion(product("p-5", 1, BigDecimal.TEN, List.of(), Map.of(), null)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(repository.findLatest("p-5").orElseThrow().price()).isEqualByComparingTo("1");
    }

    @Test
    void writesItemsThatReadNaturallyInAnyDynamoDbConsole() {
        // given
        repository.saveNewVersion(product("p-6", 1, new BigDecimal("19.99"), List.of(file("f-1")),
                Map.of("voltage", "18V"), "A drill"));

        // when
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(settings.table())
                .key(Map.of("productId", AttributeValue.fromS("p-6"), "version", AttributeValue.fromN("1")))).item();

        // then
        assertThat(item.get("price").n()).isEqualTo("19.99");
        assertThat(item.get("productName").s()).isEqualTo("Cordless Drill");
        assertThat(item.get("currency").s()).isEqualTo("EUR");
        assertThat(item.get("description").s()).isEqualTo("A drill");
        assertThat(item.get("attributes").m()).containsEntry("voltage", AttributeValue.fromS("18V"));
        assertThat(item.get("createdAt").s()).isEqualTo("2026-11-25T12:00:00.123456Z");
        Map<String, AttributeValue> file = item.get("files").l().get(0).m();
        assertThat(file.keySet()).containsExactlyInAnyOrder("fileId", "key", "versionId", "fileName", "contentType",
                "size", "checksum", "uploadedAt");
        assertThat(file.get("size").n()).isEqualTo("1234");
        assertThat(file.get("checksum").m().get("algorithm").s()).isEqualTo("CRC32C");
    }

    @Test
    void reportsAnUnreachableServerAsBackendUnavailableAndAnUnconfirmedWriteAsOutcomeUnknown() {
        servers.setDynamoDbReachable(false);
        try {
            assertThatThrownBy(() -> repository.findLatest("p-7")).isInstanceOf(BackendUnavailableException.class);
            // the connection may have carried the write before it broke, and the table cannot be asked
            assertThatThrownBy(() -> repository.saveNewVersion(product("p-7", 1, BigDecimal.ONE, List.of(), Map.of(), null)))
                    .isInstanceOf(OutcomeUnknownException.class);
        } finally {
            servers.setDynamoDbReachable(true);
        }
        assertThat(repository.findLatest("p-7")).isEmpty();
    }
}
