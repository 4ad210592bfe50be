package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.IdempotencyStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(AwsBackendsExtension.class)
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {

    private final AwsBackends servers;
    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoDbIdempotencyStoreIT(AwsBackends servers) {
        this.servers = servers;
        AwsSettings settings = servers.freshResources();
        this.dynamoDb = servers.dynamoDbClient(settings);
        this.table = AwsSettings.idempotencyTableBeside(settings.table());
    }

    @Override
    protected IdempotencyStore store() {
        return new DynamoDbIdempotencyStore(dynamoDb, table);
    }

    @Test
    void holdsTheKeyWhenTheAnswerToItsClaimWasCut() {
        // given
        IdempotencyStore store = store();
        servers.cutNextDynamoDbResponses(1);

        // when: the SDK's retry meets the item its first attempt wrote
        boolean claimed = store.claim(lease("caller-a", "k-1", "t-1"), T0).isEmpty();

        // then
        assertThat(claimed).isTrue();
        assertThat(store.claim(lease("caller-a", "k-1", "t-2"), T0)).contains(lease("caller-a", "k-1", "t-1"));
    }

    @Test
    void remembersTheAnswerWhenTheAnswerToItsCompletionWasCut() {
        // given
        IdempotencyStore store = store();
        IdempotencyRecord lease = lease("caller-a", "k-1", "t-1");
        store.claim(lease, T0);
        servers.cutNextDynamoDbResponses(1);

        // when
        boolean completed = store.complete(lease.completedWith(CREATED, T0.plus(REMEMBERED)));

        // then
        assertThat(completed).isTrue();
        assertThat(store.claim(lease("caller-a", "k-1", "t-2"), T0).orElseThrow().response()).isEqualTo(CREATED);
    }

    @Test
    void answersUnavailableWhenTheTableCannotBeReached() {
        // given
        IdempotencyStore store = store();
        servers.setDynamoDbReachable(false);
        try {
            // when / then
            assertThatThrownBy(() -> store.claim(lease("caller-a", "k-1", "t-1"), T0))
                    .isInstanceOf(BackendUnavailableException.class);
        } finally {
            servers.setDynamoDbReachable(true);
        }
    }

    @Test
    void writesTheExpiryInEpochSecondsForTheTablesTimeToLive() {
        // given
        store().claim(lease("caller-a", "k-1", "t-1"), T0);

        // when
        Map<String, AttributeValue> item = dynamoDb.scan(scan -> scan.tableName(table)).items().get(0);

        // then
        assertThat(item.get(DynamoDbIdempotencyStore.EXPIRES_AT).n())
                .isEqualTo(Long.toString(T0.plus(LEASE).getEpochSecond()));
        assertThat(item.get(DynamoDbIdempotencyStore.PARTITION_KEY).s()).matches("[0-9a-f]{64}");
    }
}
