package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.entrypoint.http.ApiJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduled reconciler's handler, wired as in production, after the faults an upload cannot clean up after itself
 * and while uploads run, against the S3- and DynamoDB-compatible servers.
 */
@ExtendWith(AwsBackendsExtension.class)
class ReconcileHandlerIT {

    /** Enough uploads to land during every page of the runs, few enough to keep the listings short. */
    private static final int UPLOADS_PER_WRITER = 150;
    private static final byte[] BYTES = "%PDF-1.4 lost".getBytes(StandardCharsets.UTF_8);

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final S3Client s3;
    private final UploadHandler upload;

    ReconcileHandlerIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.upload = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));
    }

    private ReconcileHandler reconciler(String minAge, int pageSize) {
        Map<String, String> environment = new HashMap<>(servers.environment(settings.bucket(), settings.table()));
        environment.put(ReconcileHandler.MIN_AGE, minAge);
        environment.put(ReconcileHandler.PAGE_SIZE, Integer.toString(pageSize));
        return new ReconcileHandler(environment, servers.credentials());
    }

    private static JsonNode run(ReconcileHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return ApiJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode post(String productData) {
        String body = "{\"fileName\":\"spec.pdf\",\"fileData\":\"JVBERi0xLjQK\",\"productData\":" + productData + "}";
        try (InputStream in = ReconcileHandlerIT.class.getResourceAsStream("/events/post-upload.json")) {
            ObjectNode event = (ObjectNode) ApiJson.mapper().readTree(in);
            event.put("body", body);
            ((ObjectNode) event.path("requestContext")).put("requestId", UUID.randomUUID().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            upload.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
            return ApiJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a process killed between the two writes leaves: a file no product version will ever reference. */
    private String orphan() {
        String key = FileReference.keyFor("sku-dead", UUID.randomUUID().toString(), "spec.pdf");
        return key + "@" + new S3FileStorage(s3, settings.bucket()).store(key, BYTES, "application/pdf",
                Checksum.crc32c(BYTES));
    }

    private List<Map<String, AttributeValue>> fileReferencesInTheTable() {
        List<Map<String, AttributeValue>> files = new ArrayList<>();
        // The versions' references, without the products' head items (docs/adr/0013-listing-products.md).
        servers.dynamoDbClient(settings).scanPaginator(scan -> scan.tableName(settings.table()).consistentRead(true)
                        .filterExpression("#v > :head")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":head", AttributeValue.fromN("0"))))
                .items().forEach(item -> {
                    if (item.containsKey("files")) {
                        item.get("files").l().forEach(file -> files.add(file.m()));
                    }
                });
        return files;
    }

    private byte[] readCurrent(Map<String, AttributeValue> file) {
        return s3.getObjectAsBytes(get -> get.bucket(settings.bucket()).key(file.get("key").s())).asByteArray();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void afterALostSaveAndAProcessThatDiedTheOrphanIsGoneTheReferencedFileIsVisibleAndNothingDangles() {
        // given: an upload of a new product (its first DynamoDB call is the write) whose DynamoDB answers are all
        // lost: its version landed, and its file is behind a marker
        servers.cutNextDynamoDbResponses(1_000);
        JsonNode unknown;
        try {
            unknown = post("{\"productName\":\"Drill\",\"price\":1}");
        } finally {
            servers.cutNextDynamoDbResponses(0);
        }
        assertThat(unknown.path("statusCode").asInt()).isEqualTo(503);
        Map<String, AttributeValue> hidden = fileReferencesInTheTable().get(0);
        assertThatThrownBy(() -> readCurrent(hidden)).hasMessageContaining("404");
        // and: a file stored by an upload whose process died before it saved the product version
        String orphan = orphan();

        // when
        JsonNode dryRun = run(reconciler("PT0S", 1000), "{\"dryRun\":true}");
        JsonNode report = run(reconciler("PT0S", 1000), "{}");

        // then: the dry run found what the run then did
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(texts(dryRun.path("orphans").path("listed"))).containsExactly(orphan);
        assertThat(texts(report.path("orphans").path("listed"))).containsExactly(orphan);
        assertThat(texts(report.path("restored").path("listed"))).singleElement().asString()
                .startsWith(hidden.get("key").s() + "@");
        assertThat(report.path("dangling").path("count").asLong()).isZero();
        // and: the table and the bucket agree
        assertThat(readCurrent(hidden)).isNotEmpty();
        assertThat(s3.listObjectVersions(list -> list.bucket(settings.bucket())).versions())
                .extracting(ObjectVersion::versionId).containsExactly(hidden.get("versionId").s());
        assertThat(s3.listObjectVersions(list -> list.bucket(settings.bucket())).deleteMarkers()).isEmpty();
        JsonNode again = run(reconciler("PT0S", 1000), "{}");
        assertThat(again.path("orphans").path("count").asLong()).isZero();
        assertThat(again.path("restored").path("count").asLong()).isZero();
        assertThat(again.path("referenced").asLong()).isEqualTo(1);
    }

    @Test
    void aRunThatFindsADanglingReferenceReportsItAndFails() {
        // given: a stored product version whose file version was erased behind the service's back
        JsonNode created = post("{\"productId\":\"sku-2\",\"productName\":\"Drill\",\"price\":1}");
        String body = created.path("body").asText();
        JsonNode stored;
        try {
            stored = ApiJson.mapper().readTree(body).path("file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.deleteObject(delete -> delete.bucket(settings.bucket()).key(stored.path("key").asText())
                .versionId(stored.path("versionId").asText()));

        // when / then
        assertThatThrownBy(() -> run(reconciler("PT1H", 1000), "{}"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("1 product file reference(s)");
    }

    @Test
    void neverErasesAReferencedVersionWhileUploadsRun() throws Exception {
        // given: orphans older than the minimum age, and uploaders that keep going during the runs
        Duration minAge = Duration.ofSeconds(3);
        List<String> orphans = List.of(orphan(), orphan(), orphan());
        Thread.sleep(minAge.plusMillis(500).toMillis());
        AtomicBoolean uploading = new AtomicBoolean(true);
        Queue<JsonNode> accepted = new ConcurrentLinkedQueue<>();
        ExecutorService uploaders = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        List<JsonNode> reports = new ArrayList<>();
        try {
            for (int writer = 0; writer < 3; writer++) {
                running.add(uploaders.submit(() -> {
                    for (int i = 0; i < UPLOADS_PER_WRITER && uploading.get(); i++) {
                        JsonNode response = post("{\"productName\":\"Drill\",\"price\":1}");
                        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
                        accepted.add(ApiJson.mapper().readTree(response.path("body").asText()).path("file"));
                    }
                    return null;
                }));
            }

            // when: three runs with pages of two, so each run takes many requests while uploads land in between
            for (int run = 0; run < 3; run++) {
                reports.add(run(reconciler(minAge.toString(), 2), "{}"));
            }
        } finally {
            uploading.set(false);
            for (Future<?> uploader : running) {
                uploader.get();
            }
            uploaders.shutdown();
        }

        // then: every accepted upload's file reads back by its version; only the orphans went
        System.out.printf("%d uploads during the runs; runs took %s ms%n", accepted.size(),
                reports.stream().map(report -> report.path("tookMillis").asText()).toList());
        assertThat(accepted).hasSizeGreaterThan(3);
        for (JsonNode file : accepted) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(settings.bucket()).key(file.path("key").asText())
                    .versionId(file.path("versionId").asText())).asByteArray()).isNotEmpty();
        }
        assertThat(reports.stream().mapToLong(report -> report.path("orphans").path("count").asLong()).sum())
                .isEqualTo(orphans.size());
        // which run takes which orphan depends on how the listing interleaves with the uploads; together, exactly them
        assertThat(reports.stream().flatMap(report -> texts(report.path("orphans").path("listed")).stream()).toList())
                .containsExactlyInAnyOrderElementsOf(orphans);
        assertThat(reports).allSatisfy(report -> assertThat(report.path("dangling").path("count").asLong()).isZero());
        JsonNode last = run(reconciler("PT0S", 1000), "{\"dryRun\":true}");
        assertThat(last.path("referenced").asLong()).isEqualTo(accepted.size());
        assertThat(last.path("versions").asLong()).isEqualTo(accepted.size());
        assertThat(last.path("dangling").path("count").asLong()).isZero();
    }
}
