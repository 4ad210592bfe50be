package dev.productupload.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.aws.internal.ListingIndexes;
import dev.productupload.adapters.aws.internal.ProductItems;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Product;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.lambda.UploadHandler;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Our warm upload against its floor: the same S3 and DynamoDB calls the request makes, made directly with the
 * same SDK clients against the same s3proxy and dynalite, one of each in turn, in the same run. Two requests:
 * a new product with a file (PutObject, PutItem, then the head's PutItem: ADR 13) and a file for an existing
 * product (the latest-version Query beside the PutObject, then the two PutItems; ADR 12). The floor of the second
 * is given both ways: the four calls in a row, and the Query beside the PutObject as the request makes them. Servers are reached directly, not through
 * the tests' fault-injecting proxies. Prints the goals: p50 at most 1.2 x the floor, p99 at most 3 x p50.
 */
final class WarmFloor {

    private static final String ID = "@@PRODUCT_ID@@";

    private record Shape(String name, int fileBytes, int iterations) {
    }

    private static final List<Shape> SHAPES = List.of(new Shape("1 KiB", 1024, 300),
            new Shape("100 KiB", 100 * 1024, 300), new Shape("4 MiB", 4 * 1024 * 1024, 45));

    private final Consumer<String> line;
    private final UploadHandler handler;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final String bucket;
    private final String table;
    private final ExecutorService beside = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "floor-query");
        thread.setDaemon(true);
        return thread;
    });

    private WarmFloor(AwsBackends servers, Consumer<String> line) {
        this.line = line;
        AwsSettings store = servers.freshResources();
        AwsSettings settings = Benchmarks.directSettings(servers, store);
        this.s3 = AwsClients.s3(settings, servers.credentials());
        this.dynamoDb = AwsClients.dynamoDb(settings, servers.credentials());
        this.bucket = store.bucket();
        this.table = store.table();
        // Only a failed request's log line is printed: it names the cause the problem body leaves out.
        RequestLog quiet = new RequestLog(ApiJson.mapper(), logLine -> {
            if (logLine.contains("\"status\":5")) {
                System.err.println(logLine);
            }
        }, Clock.systemUTC());
        this.handler = Benchmarks.handlerOver(new DynamoDbProductRepository(dynamoDb, table),
                new S3FileStorage(s3, bucket), quiet);
    }

    static void run(AwsBackends servers, Consumer<String> line, int rounds) throws IOException {
        new WarmFloor(servers, line).measure(rounds);
    }

    /** One row's samples of one round, in ms: ours, the floor, and for updates the floor in a row. */
    private record Round(double[] ours, double[] floor, double[] floorInARow, double[] oursCpu, double[] floorCpu,
                         long gcCount, long gcMillis) {
    }

    private void measure(int rounds) throws IOException {
        // One untimed pass over every shape first, so that no row meets code the JIT has not compiled yet.
        for (Shape shape : SHAPES) {
            Shape brief = new Shape(shape.name(), shape.fileBytes(), Math.max(15, shape.iterations() / 3));
            newProducts(brief);
            existingProducts(brief);
        }
        Map<String, List<Round>> rows = new java.util.LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Shape shape : SHAPES) {
                rows.computeIfAbsent("new product, " + shape.name() + " file", k -> new ArrayList<>())
                        .add(newProducts(shape));
                rows.computeIfAbsent("file for an existing product, " + shape.name(), k -> new ArrayList<>())
                        .add(existingProducts(shape));
            }
        }
        line.accept("## 2c. Warm path against its floor (in process, after warm-up, " + rounds + " rounds)");
        line.accept("");
        line.accept("Floor: the calls the request makes, made directly with the same SDK clients on the same servers "
                + "(reached directly, not through the tests' proxies), one request and one floor in turn. New product: "
                + "PutObject, PutItem, then the head's PutItem (ADR 13). Existing product: Query beside PutObject, then the "
                + "two PutItems (ADR 12); \"in a row\" is the four one after another. After one untimed pass over every row, each row warms up on a third of "
                + "its count again. Median of the rounds' p50 and p99, with the rounds' range; CPU: the measuring "
                + "thread's CPU time per request (median), the read beside the put excluded on both sides; GC: "
                + "collections in the measured part of each round (their pause ms).");
        line.accept("");
        line.accept("| request | ours p50 ms | floor p50 ms | ours / floor p50 (goal <= 1.2) | ours p99 ms "
                + "| ours p99 / p50 (goal <= 3) | floor p99 / p50 | floor in a row p50 ms | request thread CPU ms, ours / floor "
                + "| GCs (ms) | samples |");
        line.accept("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Map.Entry<String, List<Round>> row : rows.entrySet()) {
            List<Round> results = row.getValue();
            double[] ourP50 = results.stream().mapToDouble(r -> Stats.median(r.ours())).toArray();
            double[] ourP99 = results.stream().mapToDouble(r -> Stats.percentile(r.ours(), 99)).toArray();
            double[] floorP50 = results.stream().mapToDouble(r -> Stats.median(r.floor())).toArray();
            double[] floorP99 = results.stream().mapToDouble(r -> Stats.percentile(r.floor(), 99)).toArray();
            double[] ratio = results.stream().mapToDouble(r -> Stats.median(r.ours()) / Stats.median(r.floor())).toArray();
            double[] tail = results.stream().mapToDouble(r -> Stats.percentile(r.ours(), 99) / Stats.median(r.ours())).toArray();
            double[] floorTail = results.stream()
                    .mapToDouble(r -> Stats.percentile(r.floor(), 99) / Stats.median(r.floor())).toArray();
            String inARow = results.get(0).floorInARow() == null ? "-"
                    : spread(results.stream().mapToDouble(r -> Stats.median(r.floorInARow())).toArray(), "%.2f");
            double oursCpu = Stats.median(results.stream().mapToDouble(r -> Stats.median(r.oursCpu())).toArray());
            double floorCpu = Stats.median(results.stream().mapToDouble(r -> Stats.median(r.floorCpu())).toArray());
            line.accept(String.format("| %s | %s | %s | %s %s | %s | %s %s | %s | %s | %.2f / %.2f | %s | %d x %d |",
                    row.getKey(), spread(ourP50, "%.2f"), spread(floorP50, "%.2f"), spread(ratio, "%.2f"),
                    verdict(Stats.median(ratio) <= 1.2), spread(ourP99, "%.2f"), spread(tail, "%.1f"),
                    verdict(Stats.median(tail) <= 3), spread(floorTail, "%.1f"), inARow, oursCpu, floorCpu,
                    results.stream().map(r -> r.gcCount() + " (" + r.gcMillis() + ")")
                            .collect(java.util.stream.Collectors.joining(", ")),
                    results.size(), results.get(0).ours().length));
        }
        line.accept("");
        storedBytes = Long.MAX_VALUE / 2;
        keepS3ProxySmall(SHAPES.get(0));
        beside.shutdown();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    /** The median, and the range over the rounds when there are several. */
    private static String spread(double[] values, String format) {
        if (values.length == 1) {
            return String.format(format, values[0]);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return String.format(format + " (" + format + "–" + format + ")", Stats.median(values), sorted[0],
                sorted[sorted.length - 1]);
    }

    // ---- new product with a file: PutObject, PutItem, head --------------------------------------------------------

    private Round newProducts(Shape shape) throws IOException {
        byte[] file = file(shape.fileBytes());
        String crc32c = Checksum.crc32c(file).value();
        String template = eventTemplate(file, true, false);
        Map<String, AttributeValue> item = storedItem(template, 1);
        int warmUp = shape.iterations() / 3;
        double[] ours = new double[shape.iterations()];
        double[] floor = new double[shape.iterations()];
        double[] oursCpu = new double[shape.iterations()];
        double[] floorCpu = new double[shape.iterations()];
        long[] gc = null;
        for (int i = -warmUp; i < shape.iterations(); i++) {
            if (i == 0) {
                gc = gcNow();
            }
            byte[] event = template.getBytes(StandardCharsets.UTF_8);
            String floorId = "floor-" + UUID.randomUUID();
            for (int which = 0; which < 2; which++) {
                boolean oursFirst = Math.floorMod(i, 2) == 0;
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                if ((which == 0) == oursFirst) {
                    Benchmarks.invoke(handler, event);
                    record(ours, oursCpu, i, start, cpu);
                } else {
                    putObject(floorId, file, crc32c);
                    putHead(putItem(item, floorId, 1));
                    record(floor, floorCpu, i, start, cpu);
                }
            }
            keepS3ProxySmall(shape);
        }
        long[] after = gcNow();
        return new Round(ours, floor, null, oursCpu, floorCpu, after[0] - gc[0], after[1] - gc[1]);
    }

    // ---- file for an existing product: Query beside PutObject, then PutItem, head ---------------------------------

    private Round existingProducts(Shape shape) throws IOException {
        byte[] file = file(shape.fileBytes());
        String crc32c = Checksum.crc32c(file).value();
        String template = eventTemplate(file, false, true);
        String productOnly = eventTemplate(null, true, true);
        Map<String, AttributeValue> item = storedItem(template, 2);
        int warmUp = shape.iterations() / 3;
        int total = warmUp + shape.iterations();
        // Every request adds a file to a product of its own, made beforehand, so none reaches the file limit.
        List<String> ourProducts = products(productOnly, total);
        List<String> floorProducts = products(productOnly, total);
        double[] ours = new double[shape.iterations()];
        double[] floor = new double[shape.iterations()];
        double[] inARow = new double[shape.iterations()];
        double[] oursCpu = new double[shape.iterations()];
        double[] floorCpu = new double[shape.iterations()];
        long[] gc = null;
        for (int i = -warmUp; i < shape.iterations(); i++) {
            if (i == 0) {
                gc = gcNow();
            }
            byte[] event = template.replace(ID, ourProducts.get(i + warmUp)).getBytes(StandardCharsets.UTF_8);
            String floorId = floorProducts.get(i + warmUp);
            for (int which = 0; which < 3; which++) {
                int turn = Math.floorMod(i + which, 3);
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                if (turn == 0) {
                    Benchmarks.invoke(handler, event);
                    record(ours, oursCpu, i, start, cpu);
                } else if (turn == 1) {
                    CompletableFuture<Map<String, AttributeValue>> latest =
                            CompletableFuture.supplyAsync(() -> queryLatest(floorId), beside);
                    putObject(floorId, file, crc32c);
                    latest.join();
                    putHead(putItem(item, floorId, 2));
                    record(floor, floorCpu, i, start, cpu);
                } else {
                    String again = "floor-" + UUID.randomUUID();
                    queryLatest(floorId);
                    putObject(again, file, crc32c);
                    putHead(putItem(item, again, 2));
                    record(inARow, null, i, start, cpu);
                }
            }
            keepS3ProxySmall(shape);
        }
        long[] after = gcNow();
        return new Round(ours, floor, inARow, oursCpu, floorCpu, after[0] - gc[0], after[1] - gc[1]);
    }

    private List<String> products(String productOnly, int count) throws IOException {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "bench-" + UUID.randomUUID();
            Benchmarks.invoke(handler, productOnly.replace(ID, id).getBytes(StandardCharsets.UTF_8));
            ids.add(id);
        }
        return ids;
    }

    // ---- the floor's calls, as the adapters make them -----------------------------------------------------

    private Map<String, AttributeValue> queryLatest(String productId) {
        return dynamoDb.query(query -> query.tableName(table)
                .keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(productId)))
                .scanIndexForward(false).limit(1).consistentRead(true)).items().get(0);
    }

    private void putObject(String productId, byte[] file, String crc32c) {
        s3.putObject(put -> put.bucket(bucket).key("products/" + productId + "/files/" + UUID.randomUUID() + "/spec-sheet.pdf")
                .ifNoneMatch("*").contentType("application/pdf").contentLength((long) file.length).checksumCRC32C(crc32c),
                RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(file), file.length, "application/pdf"));
    }

    /**
     * The item a request stored, under another key and a new write token: the same bytes for DynamoDB to take.
     * @return the item written
     */
    private Map<String, AttributeValue> putItem(Map<String, AttributeValue> stored, String productId, long version) {
        Map<String, AttributeValue> item = new HashMap<>(stored);
        item.put(ProductItems.PARTITION_KEY, AttributeValue.fromS(productId));
        item.put(ProductItems.SORT_KEY, AttributeValue.fromN(Long.toString(version)));
        item.put("writeToken", AttributeValue.fromS(UUID.randomUUID().toString()));
        dynamoDb.putItem(put -> put.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(" + ProductItems.PARTITION_KEY + ")")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return item;
    }

    /** The head item that follows every version (ADR 13), with the adapter's condition that it only moves forward. */
    private void putHead(Map<String, AttributeValue> version) {
        Product latest = ProductItems.toProduct(ProductItems.SCHEMA.mapToItem(version));
        dynamoDb.putItem(put -> put.tableName(table).item(ListingIndexes.head(version, latest))
                .conditionExpression("attribute_not_exists(#id) OR #latest < :latest")
                .expressionAttributeNames(Map.of("#id", ProductItems.PARTITION_KEY, "#latest", ListingIndexes.LATEST_VERSION))
                .expressionAttributeValues(Map.of(":latest", AttributeValue.fromN(Long.toString(latest.version()))))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    }

    /** Runs one request of the template (on a product of its own when it adds a file) and reads back its item. */
    private Map<String, AttributeValue> storedItem(String template, long version) throws IOException {
        String given = "bench-" + UUID.randomUUID();
        if (version > 1) {
            Benchmarks.invoke(handler, eventTemplate(null, true, true).replace(ID, given).getBytes(StandardCharsets.UTF_8));
        }
        String response = Benchmarks.invoke(handler, template.replace(ID, given).getBytes(StandardCharsets.UTF_8));
        String id = Events.JSON.readTree(Events.JSON.readTree(response).path("body").asText())
                .path("product").path("productId").asText();
        return dynamoDb.getItem(get -> get.tableName(table).consistentRead(true).key(Map.of(
                ProductItems.PARTITION_KEY, AttributeValue.fromS(id),
                ProductItems.SORT_KEY, AttributeValue.fromN(Long.toString(version))))).item();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * s3proxy's in-memory store keeps every object in its 512 MiB heap: a few hundred 4 MiB files fill it, and its
     * garbage collector then runs ever longer until puts fail with 500. Between requests, untimed, every object
     * version is erased again once they hold more than 64 MiB.
     */
    private void keepS3ProxySmall(Shape shape) {
        storedBytes += 3L * shape.fileBytes();
        if (storedBytes < 64L * 1024 * 1024) {
            return;
        }
        for (var version : s3.listObjectVersionsPaginator(list -> list.bucket(bucket)).versions()) {
            s3.deleteObject(delete -> delete.bucket(bucket).key(version.key()).versionId(version.versionId()));
        }
        storedBytes = 0;
    }

    private long storedBytes;

    private static byte[] file(int size) {
        byte[] file = new byte[size];
        new Random(size).nextBytes(file);
        return file;
    }

    /**
     * An API Gateway event: a new product's fields when {@code newProduct}, product id {@link #ID} when
     * {@code withId} (without, the service makes one and reads nothing), the file when there is one. A file for an
     * existing product is a blind change: no expectedVersion.
     */
    private static String eventTemplate(byte[] file, boolean newProduct, boolean withId) {
        ObjectNode body = Events.JSON.createObjectNode();
        if (file != null) {
            body.put("fileName", "spec-sheet.pdf");
            body.put("fileData", Base64.getEncoder().encodeToString(file));
            body.put("contentType", "application/pdf");
        }
        ObjectNode product = body.putObject("productData");
        if (withId) {
            product.put("productId", ID);
        }
        if (newProduct) {
            product.put("productName", "Cordless Drill").put("price", new BigDecimal("129.90")).put("currency", "EUR")
                    .putObject("attributes").put("voltage", "18V");
        }
        try {
            return Events.JSON.writeValueAsString(Events.event(body.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall time since {@code start}, and the CPU time the measuring thread spent since {@code cpu}. */
    private static void record(double[] samples, double[] cpuSamples, int i, long start, long cpu) {
        if (i >= 0) {
            samples[i] = (System.nanoTime() - start) / 1e6;
            if (cpuSamples != null) {
                cpuSamples[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
            }
        }
    }

    private static long[] gcNow() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
