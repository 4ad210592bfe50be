package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.ListingIndexes;
import dev.productupload.adapters.aws.internal.PageTokens;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.domain.port.out.ReferenceInventory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the file references of every product version with a consistent, paginated Scan of the product table that
 * projects only the key and the {@code files} list, skipping the products' head items. Needs {@code dynamodb:Scan}
 * on the table.
 */
public final class DynamoDbReferenceInventory implements ReferenceInventory {

    private static final String BACKEND = "DynamoDB";
    private static final String FILES = "files";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int pageSize;

    /**
     * @param dynamoDb  a client built once per process
     * @param tableName the product table
     * @param pageSize  product versions per page at most (DynamoDB also stops a page at 1 MB)
     */
    public DynamoDbReferenceInventory(DynamoDbClient dynamoDb, String tableName, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.pageSize = pageSize;
    }

    /**
     * Consistent reads, so every write acknowledged before the scan began is seen
     * (docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html, ConsistentRead); the token carries
     * LastEvaluatedKey.
     */
    @Override
    public Page list(String pageToken) {
        ScanResponse response;
        try {
            response = dynamoDb.scan(scan -> {
                scan.tableName(tableName).consistentRead(true).limit(pageSize)
                        .projectionExpression("#id, #version, #files")
                        .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY,
                                "#version", ProductItems.SORT_KEY, "#files", FILES))
                        .overrideConfiguration(CallBudget.forCall(BACKEND));
                if (pageToken != null) {
                    List<String> key = PageTokens.parts(pageToken);
                    scan.exclusiveStartKey(Map.of(ProductItems.PARTITION_KEY, AttributeValue.fromS(key.get(0)),
                            ProductItems.SORT_KEY, AttributeValue.fromN(key.get(1))));
                }
            });
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        List<Reference> references = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            String productId = item.get(ProductItems.PARTITION_KEY).s();
            long version = Long.parseLong(item.get(ProductItems.SORT_KEY).n());
            AttributeValue files = item.get(FILES);
            // The head item copies the latest version's references; the version item already names them.
            if (version == ListingIndexes.HEAD_VERSION || files == null || !files.hasL()) {
                continue;
            }
            for (AttributeValue file : files.l()) {
                Map<String, AttributeValue> fields = file.m();
                references.add(new Reference(productId, version, fields.get("key").s(), fields.get("versionId").s()));
            }
        }
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null
                : PageTokens.of(last.get(ProductItems.PARTITION_KEY).s(), last.get(ProductItems.SORT_KEY).n());
        return new Page(references, next);
    }
}
