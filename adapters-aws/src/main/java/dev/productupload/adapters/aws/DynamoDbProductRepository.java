package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.ProductItem;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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
    /** The attribute that tells which write created an item. */
    static final String WRITE_TOKEN = "writeToken";
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

    /**
     * Writes the version with a token of its own, so that a write whose answer was lost can be told apart from
     * another writer's afterwards: the SDK's retry of a write that did happen meets the key condition, and a write
     * that failed with no answer is read back before anything is concluded.
     */
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
        Map<String, AttributeValue> item = new HashMap<>(
                ProductItems.SCHEMA.itemToMap(ProductItems.toItem(product), true));
        String writeToken = UUID.randomUUID().toString();
        item.put(WRITE_TOKEN, AttributeValue.fromS(writeToken));
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(item).conditionExpression(KEY_IS_NEW)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (ConditionalCheckFailedException e) {
            // The key exists: another writer's version, or this write, applied by an attempt whose answer was lost.
            boolean ours;
            try {
                ours = writtenBy(writeToken, product);
            } catch (BackendUnavailableException readBack) {
                throw new OutcomeUnknownException(BACKEND, readBack);
            }
            if (!ours) {
                throw VersionConflictException.versionTaken(product.productId(), product.version());
            }
        } catch (RuntimeException e) {
            RuntimeException failure = AwsErrors.translate(BACKEND, e);
            if (!(failure instanceof BackendUnavailableException)) {
                throw failure;
            }
            boolean ours;
            try {
                ours = writtenBy(writeToken, product);
            } catch (RuntimeException readBack) {
                failure.addSuppressed(readBack);
                throw new OutcomeUnknownException(BACKEND, failure);
            }
            if (!ours) {
                throw failure;
            }
        }
    }

    /**
     * Whether the item at the product's version carries {@code writeToken}; a consistent read, so a write that
     * DynamoDB acknowledged to anyone is seen.
     *
     * @throws VersionConflictException when another writer's item holds that version
     */
    private boolean writtenBy(String writeToken, Product product) {
        Map<String, AttributeValue> stored;
        try {
            stored = dynamoDb.getItem(get -> get.tableName(tableName).consistentRead(true)
                    .key(Map.of(ProductItems.PARTITION_KEY, AttributeValue.fromS(product.productId()),
                            ProductItems.SORT_KEY, AttributeValue.fromN(Long.toString(product.version()))))
                    .projectionExpression(WRITE_TOKEN)
                    .overrideConfiguration(CallBudget.forCall(BACKEND))).item();
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (stored == null || stored.isEmpty()) {
            return false;
        }
        AttributeValue token = stored.get(WRITE_TOKEN);
        if (token != null && writeToken.equals(token.s())) {
            return true;
        }
        throw VersionConflictException.versionTaken(product.productId(), product.version());
    }
}
