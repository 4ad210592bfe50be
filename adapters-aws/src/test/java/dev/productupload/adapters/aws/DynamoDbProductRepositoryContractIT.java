package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.ProductRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared repository contract, on a fresh dynalite table per test. */
@ExtendWith(AwsBackendsExtension.class)
class DynamoDbProductRepositoryContractIT extends ProductRepositoryContract {

    private final DynamoDbProductRepository repository;

    DynamoDbProductRepositoryContractIT(AwsBackends servers) {
        AwsSettings settings = servers.freshResources();
        this.repository = new DynamoDbProductRepository(servers.dynamoDbClient(settings), settings.table());
    }

    @Override
    protected ProductRepository repository() {
        return repository;
    }
}
