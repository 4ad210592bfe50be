package dev.productupload.entrypoint.reconcile;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.DynamoDbReferenceInventory;
import dev.productupload.adapters.aws.S3FileInventory;
import dev.productupload.domain.service.ReconcileService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The reconcile use case over the bucket and the table of {@code settings}. */
public final class AwsReconciler {

    /** S3's largest page; DynamoDB pages are bounded by 1 MB as well. */
    public static final int DEFAULT_PAGE_SIZE = S3FileInventory.MAX_PAGE_SIZE;

    private AwsReconciler() {
    }

    public static ReconcileService wire(AwsSettings settings, AwsCredentialsProvider credentials, int pageSize) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings, credentials);
        return new ReconcileService(
                new DynamoDbReferenceInventory(dynamoDb, settings.table(), pageSize),
                new S3FileInventory(AwsClients.s3(settings, credentials), settings.bucket(), pageSize),
                new DynamoDbProductRepository(dynamoDb, settings.table()),
                Clock.systemUTC());
    }
}
