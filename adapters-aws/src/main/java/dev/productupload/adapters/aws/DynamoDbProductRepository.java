package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.ProductItem;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps product versions in a DynamoDB table keyed by {@code productId} (S) and {@code version} (N): one item
 * per version, each written once with a condition that its key is new. The latest version is a consistent
 * Query, newest first, limit 1; one version a consistent GetItem; a page of history a consistent Query below a
 * version, newest first. IAM actions: {@code dynamodb:Query}, {@code dynamodb:GetItem}, {@code dynamodb:PutItem}.
 */
public final class DynamoDbProductRepository implements ProductRepository {

    private static final String BACKEND = "DynamoDB";
    private static final Expression KEY_IS_NEW = Expression.builder()
            .expression("attribute_not_exists(" + ProductItems.PARTITION_KEY + ")")
            .build();

    private final DynamoDbTable<ProductItem> table;

    /**
     * @param dynamoDb  a client built once per process
     * @param tableName a table with the layout above
     */
    public DynamoDbProductRepository(DynamoDbClient dynamoDb, String tableName) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(tableName, "tableName");
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build()
                .table(tableName, ProductItems.SCHEMA);
    }

    @Override
    public Optional<Product> findLatest(String productId) {
        try {
            Iterator<Page<ProductItem>> pages = table.query(query -> query
                    .queryConditional(QueryConditional.keyEqualTo(key -> key.partitionValue(productId)))
                    .scanIndexForward(false)
                    .limit(1)
                    .consistentRead(true)).iterator();
            return pages.next().items().stream().findFirst().map(ProductItems::toProduct);
        } catch (SdkException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public Optional<Product> findVersion(String productId, long version) {
        try {
            return Optional.ofNullable(table.getItem(get -> get
                    .key(key -> key.partitionValue(productId).sortValue(version))
                    .consistentRead(true))).map(ProductItems::toProduct);
        } catch (SdkException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
        try {
            // A Query page stops at 1 MB whatever its Limit, so the pages are followed until limit items are read.
            return table.query(query -> query
                            .queryConditional(QueryConditional.sortLessThan(key -> key.partitionValue(productId)
                                    .sortValue(beforeVersion)))
                            .scanIndexForward(false)
                            .limit(limit)
                            .consistentRead(true))
                    .items().stream().limit(limit).map(ProductItems::toProduct).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public void saveNewVersion(Product product) {
        try {
            table.putItem(put -> put.item(ProductItems.toItem(product)).conditionExpression(KEY_IS_NEW));
        } catch (ConditionalCheckFailedException e) {
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        } catch (SdkException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }
}
