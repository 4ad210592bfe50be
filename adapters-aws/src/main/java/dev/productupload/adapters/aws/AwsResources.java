package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.ListingIndexes;
import dev.productupload.adapters.aws.internal.ProductItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Creates a versioned bucket and a product table with the layout the adapters expect, for local servers
 * and throwaway accounts. In a deployment the infrastructure creates them; nothing calls this there.
 */
public final class AwsResources {

    private AwsResources() {
    }

    /** Creates the bucket in the client's region if it does not exist, and turns versioning on. */
    public static void createVersionedBucket(S3Client s3, String bucket) {
        String region = s3.serviceClientConfiguration().region().id();
        try {
            // us-east-1 is the one region that takes no location constraint.
            s3.createBucket(create -> {
                create.bucket(bucket);
                if (!"us-east-1".equals(region)) {
                    create.createBucketConfiguration(config -> config.locationConstraint(region));
                }
            });
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // Nothing to create; versioning is set below either way.
        }
        s3.putBucketVersioning(versioning -> versioning.bucket(bucket)
                .versioningConfiguration(config -> config.status(BucketVersioningStatus.ENABLED)));
    }

    /**
     * Creates the table ({@code productId} S, {@code version} N, on demand) with its three listing indexes
     * (ADR 13) if it does not exist.
     */
    public static void createProductTable(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.createTable(create -> create.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(
                            KeySchemaElement.builder().attributeName(ProductItems.PARTITION_KEY).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(ProductItems.SORT_KEY).keyType(KeyType.RANGE).build())
                    .attributeDefinitions(
                            stringAttribute(ProductItems.PARTITION_KEY),
                            AttributeDefinition.builder().attributeName(ProductItems.SORT_KEY)
                                    .attributeType(ScalarAttributeType.N).build(),
                            stringAttribute(ListingIndexes.LIST_SHARD),
                            stringAttribute(ListingIndexes.PRICE_SHARD),
                            stringAttribute(ListingIndexes.PRICE_KEY),
                            stringAttribute(ListingIndexes.CHANGE_KEY))
                    .globalSecondaryIndexes(
                            listingIndex(ListingIndexes.BY_PRODUCT_ID, ListingIndexes.LIST_SHARD, ProductItems.PARTITION_KEY),
                            listingIndex(ListingIndexes.BY_PRICE, ListingIndexes.PRICE_SHARD, ListingIndexes.PRICE_KEY),
                            listingIndex(ListingIndexes.BY_CHANGE, ListingIndexes.LIST_SHARD, ListingIndexes.CHANGE_KEY)));
            dynamoDb.waiter().waitUntilTableExists(wait -> wait.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // The table exists.
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static GlobalSecondaryIndex listingIndex(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build())
                .projection(projection -> projection.projectionType(ProjectionType.ALL))
                .build();
    }

    /**
     * Creates the table of keyed writes' records ({@code id} S, on demand) if it does not exist. TTL is left to the
     * deployment: the store treats expired records as absent without it.
     */
    public static void createIdempotencyTable(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.createTable(create -> create.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName(DynamoDbIdempotencyStore.PARTITION_KEY)
                            .keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(DynamoDbIdempotencyStore.PARTITION_KEY)
                            .attributeType(ScalarAttributeType.S).build()));
            dynamoDb.waiter().waitUntilTableExists(wait -> wait.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // The table exists.
        }
    }
}
