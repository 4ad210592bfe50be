package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductListingContract;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared listing contract, on a fresh dynalite table with its listing indexes per test. */
@ExtendWith(AwsBackendsExtension.class)
class DynamoDbProductListingContractIT extends ProductListingContract {

    private final DynamoDbProductRepository repository;

    DynamoDbProductListingContractIT(AwsBackends servers) {
        AwsSettings settings = servers.freshResources();
        this.repository = new DynamoDbProductRepository(servers.dynamoDbClient(settings), settings.table());
    }

    @Override
    protected ProductRepository repository() {
        return repository;
    }

    @Override
    protected ProductListing listing() {
        return repository;
    }
}
