package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.ProductItem;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps product versions in a DynamoDB table keyed by {@code productId} (S) and {@code version} (N): one item
 * per version, each written once with a condition that its key is new. The latest version is a consistent
 * Query, newest first, limit 1; one version a consistent GetItem; a page of history a consistent Query below a
 * version, newest first. Items are mapped by the enhanced client's static schema; the calls go through the plain
 * client, whose requests take a per-call timeout from the request's deadline. IAM actions: {@code dynamodb:Query},
 * {@code dynamodb:GetItem}, {@code dynamodb:PutItem}.
 */
public final class DynamoDbProductRepository implements ProductRepository {

    private static final String BACKEND = "DynamoDB";
    private static final String KEY_IS_NEW = "attribute_not_exists(" + ProductItems.PARTITION_KEY + ")";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  a client built once per process
     * @param tableName a table with the layout above
     */
    public DynamoDbProductRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Product> findLatest(String productId) {
        try {
            QueryResponse response = dynamoDb.query(query -> query.tableName(tableName)
                    .keyConditionExpression("#id = :id")
                    .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(productId)))
                    .scanIndexForward(false)
                    .limit(1)
                    .consistentRead(true)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
            return response.items().stream().findFirst()
                    .map(item -> ProductItems.toProduct(ProductItems.SCHEMA.mapToItem(item)));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public Optional<Product> findVersion(String productId, long version) {
        try {
            var response = dynamoDb.getItem(get -> get.tableName(tableName)
                    .key(Map.of(ProductItems.PARTITION_KEY, AttributeValue.fromS(productId),
                            ProductItems.SORT_KEY, AttributeValue.fromN(Long.toString(version))))
                    .consistentRead(true)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(ProductItems.toProduct(ProductItems.SCHEMA.mapToItem(response.item())))
                    : Optional.empty();
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
        List<Product> found = new ArrayList<>(limit);
        Map<String, AttributeValue> startAfter = null;
        try {
            do {
                Map<String, AttributeValue> start = startAfter;
                int wanted = limit - found.size();
                QueryResponse response = dynamoDb.query(query -> query.tableName(tableName)
                        .keyConditionExpression("#id = :id AND #v < :before")
                        .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#v", ProductItems.SORT_KEY))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(productId),
                                ":before", AttributeValue.fromN(Long.toString(beforeVersion))))
                        .scanIndexForward(false)
                        .limit(wanted)
                        .consistentRead(true)
                        .exclusiveStartKey(start)
                        .overrideConfiguration(CallBudget.forCall(BACKEND)));
                response.items().forEach(item -> found.add(ProductItems.toProduct(ProductItems.SCHEMA.mapToItem(item))));
                // A Query page stops at 1 MB whatever its Limit; the next one starts where it ended:
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
                startAfter = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (startAfter != null && found.size() < limit);
            return found;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public void saveNewVersion(Product product) {
        Map<String, AttributeValue> item = ProductItems.SCHEMA.itemToMap(ProductItems.toItem(product), true);
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(item).conditionExpression(KEY_IS_NEW)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (ConditionalCheckFailedException e) {
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }
}
