package dev.productupload.bench;

import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ProductPage;
import dev.productupload.domain.port.in.ProductSearch;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.service.FindProductsService;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The listing (ADR 13): writes N products (10,000 by default) to the DynamoDB repository on dynalite and to the
 * in-memory store in the same run, then times first pages and full walks through the listing use case, and
 * reports the read units per page (from ReturnConsumedCapacity) and the write units per upload, the indexes'
 * share counted by DynamoDB's documented rules (dynalite reports the table's share only). Prints Markdown.
 *
 * <pre>java -cp ... dev.productupload.bench.ListingBenchmark [--products 10000] [--repeat 200] [--walks 5]</pre>
 */
public final class ListingBenchmark {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    /** The three listing indexes and which of them an update re-keys: byChange always, byPrice when the price moves. */
    private static final int INDEXES = 3;

    private final DoubleAdder queryUnits = new DoubleAdder();
    private final LongAdder queries = new LongAdder();
    private final DoubleAdder versionUnits = new DoubleAdder();
    private final DoubleAdder headUnits = new DoubleAdder();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ListingBenchmark().run(Integer.parseInt(options.getOrDefault("products", "10000")),
                Integer.parseInt(options.getOrDefault("repeat", "200")),
                Integer.parseInt(options.getOrDefault("walks", "5")));
    }

    private void run(int products, int repeat, int walks) throws Exception {
        System.out.println("## Listing: " + products + " products, first pages x" + repeat + ", full walks x" + walks);
        System.out.println();
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; DynamoDB is dynalite on this machine, so times are the adapter's and dynalite's, not AWS's.");
        System.out.println();
        try (AwsBackends servers = AwsBackends.start()) {
            AwsSettings settings = servers.freshResources();
            // The adapter's client settings, plus a counter of the capacity each response reports.
            DynamoDbClient client = DynamoDbClient.builder().region(settings.region())
                    .credentialsProvider(servers.credentials()).endpointOverride(settings.dynamoDbEndpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(override -> override.apiCallTimeout(java.time.Duration.ofSeconds(20))
                            .addExecutionInterceptor(new CapacityCounter()))
                    .build();
            DynamoDbProductRepository dynamo = new DynamoDbProductRepository(client, settings.table());
            InMemoryProductRepository memory = new InMemoryProductRepository(products * 2);

            List<List<Product>> histories = catalogue(products);
            long started = System.nanoTime();
            write(dynamo, histories, 1);
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            write(memory, histories, 1);
            double firstWriteVersion = versionUnits.sumThenReset() / products;
            double firstWriteHead = headUnits.sumThenReset() / products;
            // A tenth of the products is updated once with a new price: every index entry is rewritten, two re-keyed.
            List<List<Product>> updates = histories.subList(0, products / 10);
            write(dynamo, updates, 2);
            write(memory, updates, 2);
            double updateVersion = versionUnits.sumThenReset() / updates.size();
            double updateHead = headUnits.sumThenReset() / updates.size();

            System.out.printf("Loaded %d products into dynalite in %.1f s (4 writers).%n%n", products, loadSeconds);
            System.out.println("| write units per upload | version item | head item | index entries (ALL projection) | total |");
            System.out.println("| --- | --- | --- | --- | --- |");
            System.out.printf("| new product | %.2f | %.2f | %d x %.2f = %.2f | %.2f |%n", firstWriteVersion, firstWriteHead,
                    INDEXES, firstWriteHead, INDEXES * firstWriteHead, firstWriteVersion + (1 + INDEXES) * firstWriteHead);
            // byProductId: 1 write; byPrice and byChange: key changed, delete + put = 2 writes each.
            int updateIndexWrites = 1 + 2 + 2;
            System.out.printf("| update (new price) | %.2f | %.2f | %d x %.2f = %.2f | %.2f |%n%n", updateVersion, updateHead,
                    updateIndexWrites, updateHead, updateIndexWrites * updateHead,
                    updateVersion + updateHead * (1 + updateIndexWrites));

            List<ProductSearch> searches = List.of(ProductSearch.ALL,
                    new ProductSearch("EUR", null, null, null, null, null),
                    new ProductSearch("EUR", "10.00", "50.00", null, null, null),
                    new ProductSearch(null, null, null, T0.plusSeconds(products / 2).toString(), null, null));
            System.out.println("| listing | store | first page p50 ms | p99 ms | read units / page | full walk (limit 100) p50 ms | p99 ms | pages | read units / page of the walk |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (ProductSearch search : searches) {
                for (var store : List.of(Map.entry("DynamoDB (dynalite)", (ProductListing) dynamo), Map.entry("in memory", (ProductListing) memory))) {
                    FindProductsService finds = new FindProductsService(store.getValue());
                    boolean counted = store.getValue() == dynamo;
                    double[] first = time(repeat, () -> finds.find(search));
                    double firstUnits = unitsPerCall(counted, 1, () -> finds.find(search));
                    int[] pages = new int[1];
                    double[] walk = time(walks, () -> {
                        pages[0] = walk(finds, search.withLimit(100));
                        return null;
                    });
                    double walkUnits = unitsPerCall(counted, pages[0], () -> {
                        walk(finds, search.withLimit(100));
                        return null;
                    });
                    System.out.printf("| %s | %s | %.1f | %.1f | %s | %.0f | %.0f | %d | %s |%n", describe(search), store.getKey(),
                            Stats.median(first), Stats.percentile(first, 99), counted ? String.format("%.1f", firstUnits) : "-",
                            Stats.median(walk), Stats.percentile(walk, 99), pages[0],
                            counted ? String.format("%.1f", walkUnits) : "-");
                }
            }
            System.out.printf("%nQueries per page in the last walk above: %.1f (8 shards; a shard is asked again only when "
                    + "its share of the page ran out).%n", (double) lastQueries / lastCalls);
        }
    }

    private long lastQueries;
    private long lastCalls;

    /** Read units per call of {@code work}, with {@code calls} calls counted (the last walk counts its pages). */
    private double unitsPerCall(boolean counted, int calls, Supplier<?> work) {
        if (!counted) {
            work.get();
            return 0;
        }
        queryUnits.reset();
        queries.reset();
        work.get();
        lastQueries = queries.sum();
        lastCalls = Math.max(1, calls);
        return queryUnits.sum() / lastCalls;
    }

    private static int walk(FindProductsService finds, ProductSearch search) {
        int pages = 0;
        ProductPage page = finds.find(search);
        pages++;
        while (page.nextCursor() != null) {
            page = finds.find(search.withCursor(page.nextCursor()));
            pages++;
        }
        return pages;
    }

    private static double[] time(int times, Supplier<?> work) {
        for (int i = 0; i < Math.min(20, times); i++) {
            work.get();
        }
        double[] samples = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.get();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return samples;
    }

    private static String describe(ProductSearch search) {
        if (search.updatedSince() != null) {
            return "updatedSince (half)";
        }
        if (search.currency() == null) {
            return "all, by id";
        }
        return search.minPrice() == null ? search.currency() + ", by price" : search.currency() + " " + search.minPrice()
                + "-" + search.maxPrice();
    }

    /** Products with a name, a description, three attributes and one file reference, as an upload stores them. */
    private static List<List<Product>> catalogue(int count) {
        Random random = new Random(42);
        List<List<Product>> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("sku-%06d", random.nextInt(1_000_000)) + "-" + i;
            List<Product> history = new ArrayList<>();
            for (long version = 1; version <= 2; version++) {
                FileReference file = new FileReference("f-" + i, "products/" + id + "/files/f-" + i + "/spec.pdf",
                        "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "spec.pdf", "application/pdf", 48_213,
                        Checksum.crc32c(new byte[] {(byte) i}), T0);
                String price = random.nextInt(200) + "." + String.format("%02d", random.nextInt(100));
                history.add(new Product(id, "Cordless Drill " + i, new BigDecimal(price),
                        CURRENCIES.get(random.nextInt(CURRENCIES.size())), "An 18 V drill with two batteries",
                        Map.of("voltage", "18V", "color", "blue", "weight", "1.4kg"), version, T0,
                        T0.plusSeconds(i + (version - 1) * count), List.of(file)));
            }
            histories.add(history);
        }
        return histories;
    }

    /** Writes version {@code version} of every product, four writers at once. */
    private static void write(ProductRepository store, List<List<Product>> histories, int version) throws Exception {
        ForkJoinPool writers = new ForkJoinPool(4);
        try {
            writers.submit(() -> histories.parallelStream().forEach(history -> store.saveNewVersion(history.get(version - 1))))
                    .get();
        } finally {
            writers.shutdown();
        }
    }

    /** Sums the consumed capacity that DynamoDB (here dynalite) reports, by kind of call. */
    private final class CapacityCounter implements ExecutionInterceptor {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            if (response instanceof QueryResponse query && query.consumedCapacity() != null) {
                queryUnits.add(query.consumedCapacity().capacityUnits());
                queries.increment();
            } else if (response instanceof PutItemResponse put && put.consumedCapacity() != null
                    && context.request() instanceof PutItemRequest request) {
                boolean head = "0".equals(request.item().get("version").n());
                (head ? headUnits : versionUnits).add(put.consumedCapacity().capacityUnits());
            }
        }
    }
}
