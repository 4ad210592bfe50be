package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.model.StoredResponse;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the records of keyed writes in a table of their own, one item per caller and key under {@code id} (S), the
 * SHA-256 of both, with {@code expiresAt} in epoch seconds as the table's TTL attribute. TTL deletes late (within
 * days), so every condition and read here treats an item whose {@code expiresAt} has passed as absent
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html). Claims and completions
 * are conditional writes; each carries the lease token, so a write whose answer was lost is recognised when the
 * SDK's retry or a read finds the item it wrote.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    public static final String PARTITION_KEY = "id";
    /** The TTL attribute: epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    private static final String BACKEND = "DynamoDB";
    private static final String SCOPE = "scope";
    private static final String KEY = "idempotencyKey";
    private static final String REQUEST_HASH = "requestHash";
    private static final String LEASE_TOKEN = "leaseToken";
    private static final String STATUS = "status";
    private static final String HEADERS = "headers";
    private static final String BODY = "body";
    private static final String FREE_OR_EXPIRED = "attribute_not_exists(#id) OR #expiresAt <= :now";
    private static final String SAME_LEASE = "#leaseToken = :leaseToken";
    /** A claim meets a record that expires or is released between its write and its read at most this often. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  a client built once per process
     * @param tableName a table keyed by {@code id} (S), with TTL on {@code expiresAt}
     */
    public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord inProgress, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.putItem(put -> put.tableName(tableName).item(itemOf(inProgress))
                        .conditionExpression(FREE_OR_EXPIRED)
                        .expressionAttributeNames(Map.of("#id", PARTITION_KEY, "#expiresAt", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
                        .overrideConfiguration(CallBudget.forCall(BACKEND)));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                // Held by a live record: another execution's, or this claim's, applied by an attempt whose answer was lost.
                Optional<IdempotencyRecord> holder = read(inProgress.scope(), inProgress.key(), now);
                if (holder.isPresent() && isOwnLease(holder.get(), inProgress)) {
                    return Optional.empty();
                }
                if (holder.isPresent()) {
                    return holder;
                }
                if (attempt == CLAIM_ATTEMPTS) {
                    throw new BackendUnavailableException(BACKEND,
                            new IllegalStateException("the key changed hands during every claim"));
                }
            } catch (RuntimeException e) {
                RuntimeException failure = AwsErrors.translate(BACKEND, e);
                if (!(failure instanceof BackendUnavailableException)) {
                    throw failure;
                }
                Optional<IdempotencyRecord> holder;
                try {
                    holder = read(inProgress.scope(), inProgress.key(), now);
                } catch (RuntimeException readBack) {
                    failure.addSuppressed(readBack);
                    throw failure;
                }
                if (holder.isPresent() && isOwnLease(holder.get(), inProgress)) {
                    return Optional.empty();
                }
                throw failure;
            }
        }
    }

    @Override
    public boolean complete(IdempotencyRecord completed) {
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(itemOf(completed))
                    .conditionExpression(SAME_LEASE)
                    .expressionAttributeNames(Map.of("#leaseToken", LEASE_TOKEN))
                    .expressionAttributeValues(Map.of(":leaseToken", AttributeValue.fromS(completed.leaseToken())))
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    @Override
    public void release(String scope, String key, String leaseToken) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(keyOf(scope, key))
                    .conditionExpression(SAME_LEASE + " AND attribute_not_exists(#status)")
                    .expressionAttributeNames(Map.of("#leaseToken", LEASE_TOKEN, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":leaseToken", AttributeValue.fromS(leaseToken)))
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (ConditionalCheckFailedException notOurs) {
            // Another lease holds the key, or the record is gone: nothing of ours to release.
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    private static boolean isOwnLease(IdempotencyRecord holder, IdempotencyRecord claim) {
        return !holder.isCompleted() && holder.leaseToken().equals(claim.leaseToken());
    }

    /** The live record of {@code scope} and {@code key}; a consistent read, so a write acknowledged to anyone is seen. */
    private Optional<IdempotencyRecord> read(String scope, String key, Instant now) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(get -> get.tableName(tableName).key(keyOf(scope, key)).consistentRead(true)
                    .overrideConfiguration(CallBudget.forCall(BACKEND))).item();
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = recordOf(item);
        return record.hasExpiredAt(now) ? Optional.empty() : Optional.of(record);
    }

    private static Map<String, AttributeValue> itemOf(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(record.scope(), record.key()));
        item.put(SCOPE, AttributeValue.fromS(record.scope()));
        item.put(KEY, AttributeValue.fromS(record.key()));
        item.put(REQUEST_HASH, AttributeValue.fromS(record.requestHash()));
        item.put(LEASE_TOKEN, AttributeValue.fromS(record.leaseToken()));
        item.put(EXPIRES_AT, epochSeconds(record.expiresAt()));
        StoredResponse response = record.response();
        if (response != null) {
            item.put(STATUS, AttributeValue.fromN(Integer.toString(response.status())));
            Map<String, AttributeValue> headers = new HashMap<>();
            response.headers().forEach((name, value) -> headers.put(name, AttributeValue.fromS(value)));
            item.put(HEADERS, AttributeValue.fromM(headers));
            item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArray(response.body())));
        }
        return item;
    }

    private static IdempotencyRecord recordOf(Map<String, AttributeValue> item) {
        StoredResponse response = null;
        if (item.containsKey(STATUS)) {
            Map<String, String> headers = new HashMap<>();
            item.getOrDefault(HEADERS, AttributeValue.fromM(Map.of())).m()
                    .forEach((name, value) -> headers.put(name, value.s()));
            AttributeValue body = item.get(BODY);
            response = new StoredResponse(Integer.parseInt(item.get(STATUS).n()), headers,
                    body == null ? new byte[0] : body.b().asByteArray());
        }
        return new IdempotencyRecord(item.get(SCOPE).s(), item.get(KEY).s(), item.get(REQUEST_HASH).s(),
                item.get(LEASE_TOKEN).s(), Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())), response);
    }

    private static Map<String, AttributeValue> keyOf(String scope, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(scope.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(key.getBytes(StandardCharsets.UTF_8));
            return Map.of(PARTITION_KEY, AttributeValue.fromS(HexFormat.of().formatHex(sha256.digest())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
