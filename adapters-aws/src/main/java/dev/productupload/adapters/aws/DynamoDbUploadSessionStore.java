package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.UploadSession;
import dev.productupload.domain.port.out.UploadSessionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps staged-upload sessions as items of the table of expiring records, the idempotency table (ADR 14): under
 * {@code id} = {@code upload-session#UPLOAD_ID}, which no idempotency id (a SHA-256 in hex) can be, with
 * {@code expiresAt} in epoch seconds as the table's TTL attribute. TTL deletes late, so a read treats an item past
 * its expiry as absent (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
 */
public final class DynamoDbUploadSessionStore implements UploadSessionStore {

    private static final String BACKEND = "DynamoDB";
    private static final String ID_PREFIX = "upload-session#";
    private static final String UPLOAD_ID = "uploadId";
    private static final String PRODUCT_ID = "productId";
    private static final String KEY = "objectKey";
    private static final String FILE_NAME = "fileName";
    private static final String CONTENT_TYPE = "contentType";
    private static final String SIZE = "size";
    private static final String CHECKSUM_ALGORITHM = "checksumAlgorithm";
    private static final String CHECKSUM_VALUE = "checksumValue";
    private static final String CREATED_AT = "createdAt";
    private static final String SESSION_EXPIRES_AT = "sessionExpiresAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  a client built once per process
     * @param tableName a table keyed by {@code id} (S), with TTL on {@code expiresAt}: the idempotency table
     */
    public DynamoDbUploadSessionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A put that only creates: when the SDK retried a put whose answer was lost, the item read back is this one. */
    @Override
    public void save(UploadSession session) {
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(itemOf(session))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", DynamoDbIdempotencyStore.PARTITION_KEY))
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (ConditionalCheckFailedException exists) {
            if (!read(session.uploadId()).map(session::equals).orElse(false)) {
                throw new BackendUnavailableException(BACKEND,
                        new IllegalStateException("upload id " + session.uploadId() + " is taken"));
            }
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public Optional<UploadSession> find(String productId, String uploadId, Instant now) {
        return read(uploadId).filter(session -> session.productId().equals(productId) && session.isLiveAt(now));
    }

    private Optional<UploadSession> read(String uploadId) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(get -> get.tableName(tableName).key(keyOf(uploadId)).consistentRead(true)
                    .overrideConfiguration(CallBudget.forCall(BACKEND))).item();
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (item == null || item.isEmpty() || !item.containsKey(UPLOAD_ID)) {
            return Optional.empty();
        }
        return Optional.of(new UploadSession(item.get(UPLOAD_ID).s(), item.get(PRODUCT_ID).s(), item.get(KEY).s(),
                item.get(FILE_NAME).s(), item.get(CONTENT_TYPE).s(), Long.parseLong(item.get(SIZE).n()),
                new Checksum(item.get(CHECKSUM_ALGORITHM).s(), item.get(CHECKSUM_VALUE).s()),
                Instant.parse(item.get(CREATED_AT).s()), Instant.parse(item.get(SESSION_EXPIRES_AT).s())));
    }

    private static Map<String, AttributeValue> itemOf(UploadSession session) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(session.uploadId()));
        item.put(UPLOAD_ID, AttributeValue.fromS(session.uploadId()));
        item.put(PRODUCT_ID, AttributeValue.fromS(session.productId()));
        item.put(KEY, AttributeValue.fromS(session.key()));
        item.put(FILE_NAME, AttributeValue.fromS(session.fileName()));
        item.put(CONTENT_TYPE, AttributeValue.fromS(session.contentType()));
        item.put(SIZE, AttributeValue.fromN(Long.toString(session.size())));
        item.put(CHECKSUM_ALGORITHM, AttributeValue.fromS(session.checksum().algorithm()));
        item.put(CHECKSUM_VALUE, AttributeValue.fromS(session.checksum().value()));
        item.put(CREATED_AT, AttributeValue.fromS(session.createdAt().toString()));
        item.put(SESSION_EXPIRES_AT, AttributeValue.fromS(session.expiresAt().toString()));
        // The TTL attribute rounds up, so the item is never deleted before the session expires.
        long ttl = session.expiresAt().getEpochSecond() + (session.expiresAt().getNano() > 0 ? 1 : 0);
        item.put(DynamoDbIdempotencyStore.EXPIRES_AT, AttributeValue.fromN(Long.toString(ttl)));
        return item;
    }

    private static Map<String, AttributeValue> keyOf(String uploadId) {
        return Map.of(DynamoDbIdempotencyStore.PARTITION_KEY, AttributeValue.fromS(ID_PREFIX + uploadId));
    }
}
