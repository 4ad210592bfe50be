package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.ListingIndexes;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.domain.service.ReconcileService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The head item is the second of two ordinary writes (dynalite has no transactions): DynamoDB is cut off right
 * after the version is written and before the head is, as by a crash in between, and the repair is watched.
 */
@ExtendWith(AwsBackendsExtension.class)
class LatestMarkerRepairIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProductFilter EUROS_10_TO_50 =
            ProductFilter.inCurrency("EUR", new BigDecimal("10.00"), new BigDecimal("50.00"));

    private final AwsBackends servers;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbProductRepository products;
    private final S3Client s3;
    private final String table;
    private final String bucket;
    private volatile boolean cutBeforeNextHead;
    private final CountDownLatch headOfVersionOneArrived = new CountDownLatch(1);
    private final CountDownLatch releaseHeadOfVersionOne = new CountDownLatch(1);
    private volatile boolean holdHeadOfVersionOne;

    LatestMarkerRepairIT(AwsBackends servers) {
        this.servers = servers;
        servers.assumeFaultsCanBeInjected();
        AwsSettings settings = servers.freshResources();
        this.dynamoDb = clientThatCanCrashBetweenTheWrites(settings, servers.credentials());
        this.products = new DynamoDbProductRepository(dynamoDb, settings.table());
        this.s3 = servers.s3Client(settings);
        this.table = settings.table();
        this.bucket = settings.bucket();
    }

    /**
     * A client like the adapter's, plus a hook that makes DynamoDB unreachable as a head item is about to be sent,
     * or holds the head of version 1 back.
     */
    private DynamoDbClient clientThatCanCrashBetweenTheWrites(AwsSettings settings, AwsCredentialsProvider credentials) {
        ExecutionInterceptor crash = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (cutBeforeNextHead && context.request() instanceof PutItemRequest put
                        && Long.toString(ListingIndexes.HEAD_VERSION).equals(put.item().get("version").n())) {
                    servers.setDynamoDbReachable(false);
                }
                if (holdHeadOfVersionOne && context.request() instanceof PutItemRequest put
                        && put.item().containsKey(ListingIndexes.LATEST_VERSION)
                        && "1".equals(put.item().get(ListingIndexes.LATEST_VERSION).n())) {
                    headOfVersionOneArrived.countDown();
                    try {
                        releaseHeadOfVersionOne.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        return DynamoDbClient.builder().region(settings.region()).credentialsProvider(credentials)
                .endpointOverride(settings.dynamoDbEndpoint())
                .overrideConfiguration(override -> override.addExecutionInterceptor(crash))
                .build();
    }

    @AfterEach
    void reconnect() {
        servers.setDynamoDbReachable(true);
    }

    private static Product product(String id, long version, String price) {
        return new Product(id, "Lamp", new BigDecimal(price), "EUR", null, Map.of(), version, T0,
                T0.plusSeconds(version), List.of());
    }

    private void saveAndCrashBeforeTheHead(Product product) {
        cutBeforeNextHead = true;
        try {
            products.saveNewVersion(product);
        } finally {
            cutBeforeNextHead = false;
            servers.setDynamoDbReachable(true);
        }
    }

    private List<String> listed(ProductFilter filter) {
        return products.findLatest(filter, null, 10).stream().map(p -> p.productId() + "@" + p.version()).toList();
    }

    @Test
    void aHeadLeftBehindShowsTheOldVersionUntilTheReconcilerMovesIt() {
        // given: version 2 moves the price out of the range, and the head write never happens
        products.saveNewVersion(product("p-1", 1, "20.00"));
        saveAndCrashBeforeTheHead(product("p-1", 2, "70.00"));

        // when
        List<String> staleBeforeRepair = products.findStale();
        List<String> inRangeBeforeRepair = listed(EUROS_10_TO_50);
        staleBeforeRepair.forEach(products::repair);

        // then
        assertThat(products.findLatest("p-1").orElseThrow().version()).as("the version was saved").isEqualTo(2);
        assertThat(inRangeBeforeRepair).as("the head still shows version 1").containsExactly("p-1@1");
        assertThat(staleBeforeRepair).containsExactly("p-1");
        assertThat(listed(EUROS_10_TO_50)).isEmpty();
        assertThat(listed(ProductFilter.ALL)).containsExactly("p-1@2");
        assertThat(products.findStale()).isEmpty();
    }

    @Test
    void theReconcilerRepairsEveryStaleHeadAndADryRunOnlyReportsThem() {
        // given
        saveAndCrashBeforeTheHead(product("p-1", 1, "20.00"));
        products.saveNewVersion(product("p-2", 1, "20.00"));
        saveAndCrashBeforeTheHead(product("p-2", 2, "60.00"));
        products.saveNewVersion(product("p-3", 1, "30.00"));
        ReconcileService reconciler = new ReconcileService(new DynamoDbReferenceInventory(dynamoDb, table, 100),
                new S3FileInventory(s3, bucket, 100), products, Clock.systemUTC());

        // when
        ReconcileReport dryRun = reconciler.reconcile(new ReconcileCommand(Duration.ZERO, true, 10));
        List<String> listedAfterDryRun = listed(ProductFilter.ALL);
        ReconcileReport run = reconciler.reconcile(new ReconcileCommand(Duration.ZERO, false, 10));

        // then
        assertThat(dryRun.staleLatest().listed()).containsExactly("p-1", "p-2");
        assertThat(listedAfterDryRun).containsExactly("p-2@1", "p-3@1");
        assertThat(run.staleLatest().count()).isEqualTo(2);
        assertThat(listed(ProductFilter.ALL)).containsExactly("p-1@1", "p-2@2", "p-3@1");
        assertThat(listed(EUROS_10_TO_50)).containsExactly("p-1@1", "p-3@1");
        assertThat(reconciler.reconcile(new ReconcileCommand(Duration.ZERO, false, 10)).staleLatest().count()).isZero();
    }

    @Test
    void aMissingHeadIsWrittenByTheProductsNextWrite() {
        // given: the first version is saved but its head never is
        saveAndCrashBeforeTheHead(product("p-1", 1, "20.00"));
        List<String> listedAfterCrash = listed(ProductFilter.ALL);
        List<String> staleAfterCrash = products.findStale();

        // when
        products.saveNewVersion(product("p-1", 2, "30.00"));

        // then
        assertThat(listedAfterCrash).isEmpty();
        assertThat(staleAfterCrash).containsExactly("p-1");
        assertThat(listed(EUROS_10_TO_50)).containsExactly("p-1@2");
    }

    @Test
    void aSlowWriterOfAnOlderVersionNeverMovesTheHeadBack() throws Exception {
        // given: the writer of version 1 is held just before its head write
        holdHeadOfVersionOne = true;
        Thread slowWriter = new Thread(() -> products.saveNewVersion(product("p-1", 1, "20.00")));
        slowWriter.start();
        assertThat(headOfVersionOneArrived.await(20, TimeUnit.SECONDS)).isTrue();

        // when: version 2 and its head are written meanwhile, then the old head write goes through
        products.saveNewVersion(product("p-1", 2, "30.00"));
        releaseHeadOfVersionOne.countDown();
        slowWriter.join(20_000);

        // then
        assertThat(slowWriter.isAlive()).isFalse();
        assertThat(listed(EUROS_10_TO_50)).containsExactly("p-1@2");
    }
}
