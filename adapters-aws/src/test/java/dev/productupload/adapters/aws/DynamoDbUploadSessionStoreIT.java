package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.port.out.UploadSessionStore;
import dev.productupload.domain.port.out.UploadSessionStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AwsBackendsExtension.class)
class DynamoDbUploadSessionStoreIT extends UploadSessionStoreContract {

    private final AwsBackends servers;
    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoDbUploadSessionStoreIT(AwsBackends servers) {
        this.servers = servers;
        AwsSettings settings = servers.freshResources();
        this.dynamoDb = servers.dynamoDbClient(settings);
        this.table = AwsSettings.idempotencyTableBeside(settings.table());
    }

    @Override
    protected UploadSessionStore store() {
        return new DynamoDbUploadSessionStore(dynamoDb, table);
    }

    @Test
    void keepsTheSessionWhenTheAnswerToItsPutWasCut() {
        // given
        servers.assumeFaultsCanBeInjected();
        servers.cutNextDynamoDbResponses(1);

        // when: the SDK retries the put that was stored, and meets its own item
        store().save(session("p-1", "u-1"));

        // then
        assertThat(store().find("p-1", "u-1", T0)).contains(session("p-1", "u-1"));
    }
}
