package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.ListingIndexes;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.port.out.LatestMarkers;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps product versions in a DynamoDB table keyed by {@code productId} (S) and {@code version} (N): one item
 * per version, each written once with a condition that its key is new. The latest version is a consistent
 * Query, newest first, limit 1; one version a consistent GetItem; a page of history a consistent Query below a
 * version, newest first. Items are mapped by the enhanced client's static schema; the calls go through the plain
 * client, whose requests take a per-call timeout from the request's deadline.
 *
 * <p>After each version, a head item at version 0 copies it with a condition that keeps the head monotonic; only
 * heads carry the keys of the three listing indexes ({@link ListingIndexes}, ADR 13). A listing queries every shard
 * of one index and merges the shards in the listing's order. The reconciler finds heads that a crash left missing
 * or behind, and rewrites them. IAM actions: {@code dynamodb:Query} on the table and its indexes,
 * {@code dynamodb:GetItem}, {@code dynamodb:PutItem}, and {@code dynamodb:Scan} for the reconciler.
 */
public final class DynamoDbProductRepository implements ProductRepository, ProductListing, LatestMarkers {

    private static final String BACKEND = "DynamoDB";
    /** The attribute that tells which write created an item. */
    static final String WRITE_TOKEN = "writeToken";
    private static final String KEY_IS_NEW = "attribute_not_exists(" + ProductItems.PARTITION_KEY + ")";
    /** A head moves only forward: a slower writer of an older version never puts it back. */
    private static final String HEAD_MOVES_FORWARD = "attribute_not_exists(#id) OR #latest < :latest";

    /** The shard queries of listings; idle threads end after a minute, and none keeps the JVM alive. */
    private static final ExecutorService SHARD_QUERIES = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "listing-shard-query");
        thread.setDaemon(true);
        return thread;
    });

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
                    .keyConditionExpression("#id = :id AND #v > :head")
                    .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#v", ProductItems.SORT_KEY))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(productId),
                            ":head", AttributeValue.fromN(Long.toString(ListingIndexes.HEAD_VERSION))))
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
        if (version <= ListingIndexes.HEAD_VERSION) {
            return Optional.empty();
        }
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
        if (beforeVersion <= ListingIndexes.HEAD_VERSION + 1) {
            return List.of();
        }
        List<Product> found = new ArrayList<>(limit);
        Map<String, AttributeValue> startAfter = null;
        try {
            do {
                Map<String, AttributeValue> start = startAfter;
                int wanted = limit - found.size();
                QueryResponse response = dynamoDb.query(query -> query.tableName(tableName)
                        .keyConditionExpression("#id = :id AND #v BETWEEN :first AND :last")
                        .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#v", ProductItems.SORT_KEY))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(productId),
                                ":first", AttributeValue.fromN(Long.toString(ListingIndexes.HEAD_VERSION + 1)),
                                ":last", AttributeValue.fromN(Long.toString(beforeVersion - 1))))
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

    /**
     * Saves the version, then moves the head to it. The version is the record: once it is saved, a failed head write
     * does not fail the save (the upload happened); the head stays behind until the product's next write or the
     * reconciler moves it ({@link #findStale}, {@link #repair}).
     */
    @Override
    public void saveNewVersion(Product product) {
        Map<String, AttributeValue> item = new HashMap<>(
                ProductItems.SCHEMA.itemToMap(ProductItems.toItem(product), true));
        putVersion(product, item);
        try {
            putHead(product, item);
        } catch (BackendUnavailableException headLeftBehind) {
            // Repaired by the next write of this product or by the reconciler.
        }
    }

    private void putVersion(Product product, Map<String, AttributeValue> versionItem) {
        Map<String, AttributeValue> item = new HashMap<>(versionItem);
        String writeToken = UUID.randomUUID().toString();
        item.put(WRITE_TOKEN, AttributeValue.fromS(writeToken));
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(item).conditionExpression(KEY_IS_NEW)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
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

    private void putHead(Product latest, Map<String, AttributeValue> versionItem) {
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(ListingIndexes.head(versionItem, latest))
                    .conditionExpression(HEAD_MOVES_FORWARD)
                    .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#latest", ListingIndexes.LATEST_VERSION))
                    .expressionAttributeValues(Map.of(":latest", AttributeValue.fromN(Long.toString(latest.version()))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (ConditionalCheckFailedException newerHead) {
            // The head already shows this version or a newer one.
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    /**
     * Scatter-gather: asks every shard of the filter's index for its share of the page and a margin
     * ({@link #firstAsk}), all shards at once, each call bound to the request's deadline, and merges. A shard that
     * has more and whose last entry still falls inside the page is asked again, from that entry, until none is: the
     * first {@code limit} of the merge are then exactly the page. Index reads are eventually consistent (GSIs offer
     * no other kind).
     */
    @Override
    public List<Product> findLatest(ProductFilter filter, ListingPosition after, int limit) {
        Comparator<Product> order = filter.comparator();
        List<String> shards = ListingIndexes.shards();
        List<List<Product>> fetched = new ArrayList<>();
        List<Boolean> exhausted = new ArrayList<>();
        shards.forEach(shard -> {
            fetched.add(new ArrayList<>());
            exhausted.add(false);
        });
        List<Integer> ask = new ArrayList<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            ask.add(shard);
        }
        int want = firstAsk(limit);
        while (!ask.isEmpty()) {
            List<List<Product>> answers = queryShards(filter, after, shards, fetched, ask, want);
            for (int i = 0; i < ask.size(); i++) {
                fetched.get(ask.get(i)).addAll(answers.get(i));
                exhausted.set(ask.get(i), answers.get(i).size() < want);
            }
            List<Product> merged = fetched.stream().flatMap(List::stream).sorted(order).toList();
            Product lastOfPage = merged.size() >= limit ? merged.get(limit - 1) : null;
            ask = new ArrayList<>();
            for (int shard = 0; shard < shards.size(); shard++) {
                List<Product> ofShard = fetched.get(shard);
                if (!exhausted.get(shard) && (lastOfPage == null
                        || order.compare(ofShard.get(ofShard.size() - 1), lastOfPage) < 0)) {
                    ask.add(shard);
                }
            }
            want = limit;
            if (ask.isEmpty()) {
                return merged.subList(0, Math.min(limit, merged.size()));
            }
        }
        throw new IllegalStateException("unreachable: the loop returns when no shard is asked again");
    }

    /** A shard's even share of the page, half again, and two: one round answers nearly every page. */
    static int firstAsk(int limit) {
        return Math.min(limit, (limit + ListingIndexes.SHARDS - 1) / ListingIndexes.SHARDS * 3 / 2 + 2);
    }

    private List<List<Product>> queryShards(ProductFilter filter, ListingPosition after, List<String> shards,
                                            List<List<Product>> fetched, List<Integer> ask, int want) {
        Deadline deadline = Deadline.currentOr(CallBudget.CALL_TIMEOUT);
        List<Future<List<Product>>> calls = new ArrayList<>(ask.size());
        for (int shard : ask) {
            List<Product> ofShard = fetched.get(shard);
            ListingPosition from = ofShard.isEmpty() ? after
                    : ListingPosition.after(ofShard.get(ofShard.size() - 1), filter.order());
            calls.add(SHARD_QUERIES.submit(() -> deadline.bind(() -> queryShard(filter, from, shards.get(shard), want))));
        }
        List<List<Product>> answers = new ArrayList<>(ask.size());
        try {
            for (Future<List<Product>> call : calls) {
                answers.add(call.get());
            }
            return answers;
        } catch (ExecutionException e) {
            throw AwsErrors.translate(BACKEND, e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(BACKEND, e);
        } finally {
            calls.forEach(call -> call.cancel(true));
        }
    }

    private List<Product> queryShard(ProductFilter filter, ListingPosition after, String shard, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (filter.order() == ProductFilter.Order.PRODUCT_ID) {
            query.indexName(ListingIndexes.BY_PRODUCT_ID);
            names.put("#shard", ListingIndexes.LIST_SHARD);
            values.put(":shard", AttributeValue.fromS(shard));
            String condition = "#shard = :shard";
            if (after != null) {
                names.put("#key", ProductItems.PARTITION_KEY);
                values.put(":after", AttributeValue.fromS(after.productId()));
                condition += " AND #key > :after";
            }
            query.keyConditionExpression(condition);
        } else {
            String[] range = ListingIndexes.sortKeyRange(filter, after);
            if (range == null) {
                return List.of();
            }
            boolean byPrice = filter.order() == ProductFilter.Order.PRICE;
            query.indexName(byPrice ? ListingIndexes.BY_PRICE : ListingIndexes.BY_CHANGE);
            names.put("#shard", byPrice ? ListingIndexes.PRICE_SHARD : ListingIndexes.LIST_SHARD);
            names.put("#key", byPrice ? ListingIndexes.PRICE_KEY : ListingIndexes.CHANGE_KEY);
            values.put(":shard", AttributeValue.fromS(byPrice ? ListingIndexes.priceShard(filter.currency(), shard) : shard));
            values.put(":lower", AttributeValue.fromS(range[0]));
            values.put(":upper", AttributeValue.fromS(range[1]));
            query.keyConditionExpression("#shard = :shard AND #key BETWEEN :lower AND :upper");
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);

        List<Product> found = new ArrayList<>();
        Map<String, AttributeValue> startAfter = null;
        do {
            // One more than asked, for the entry at the position itself, which BETWEEN includes and the page drops.
            QueryResponse response = dynamoDb.query(query.limit(limit + 1 - found.size()).exclusiveStartKey(startAfter)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)).build());
            for (Map<String, AttributeValue> item : response.items()) {
                Product latest = ListingIndexes.fromHead(item);
                if (filter.isAfter(latest, after) && found.size() < limit) {
                    found.add(latest);
                }
            }
            // A Query page stops at 1 MB whatever its Limit:
            // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
            startAfter = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startAfter != null && found.size() < limit);
        return found;
    }

    /**
     * A consistent Scan of the keys, the head's {@value ListingIndexes#LATEST_VERSION} and nothing else; holds one
     * entry per product while it runs.
     */
    @Override
    public List<String> findStale() {
        Map<String, long[]> newestAndHead = new HashMap<>();
        Map<String, AttributeValue> startAfter = null;
        try {
            do {
                Map<String, AttributeValue> start = startAfter;
                ScanResponse response = dynamoDb.scan(scan -> scan.tableName(tableName).consistentRead(true)
                        .projectionExpression("#id, #v, #latest")
                        .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#v", ProductItems.SORT_KEY,
                                "#latest", ListingIndexes.LATEST_VERSION))
                        .exclusiveStartKey(start)
                        .overrideConfiguration(CallBudget.forCall(BACKEND)));
                for (Map<String, AttributeValue> item : response.items()) {
                    long[] versions = newestAndHead.computeIfAbsent(item.get(ProductItems.PARTITION_KEY).s(), id -> new long[2]);
                    long version = Long.parseLong(item.get(ProductItems.SORT_KEY).n());
                    if (version == ListingIndexes.HEAD_VERSION) {
                        versions[1] = Long.parseLong(item.get(ListingIndexes.LATEST_VERSION).n());
                    } else {
                        versions[0] = Math.max(versions[0], version);
                    }
                }
                startAfter = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (startAfter != null);
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        return newestAndHead.entrySet().stream().filter(entry -> entry.getValue()[1] < entry.getValue()[0])
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public void repair(String productId) {
        Optional<Product> latest = findLatest(productId);
        if (latest.isPresent()) {
            putHead(latest.get(), ProductItems.SCHEMA.itemToMap(ProductItems.toItem(latest.get()), true));
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
