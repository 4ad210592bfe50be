package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lambda handler, wired as in production, against the S3- and DynamoDB-compatible servers. */
@ExtendWith(AwsBackendsExtension.class)
class AwsBackendIT {

    /** Writers on one product; the use case's attempts cover this many, so every one must win. */
    private static final int CONCURRENT_WRITERS = 5;

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final UploadHandler handler;

    AwsBackendIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.dynamoDb = servers.dynamoDbClient(settings);
        this.handler = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));
    }

    private JsonNode post(String body) {
        try (InputStream in = AwsBackendIT.class.getResourceAsStream("/events/post-upload.json")) {
            ObjectNode event = (ObjectNode) ApiJson.mapper().readTree(in);
            event.put("body", body);
            ((ObjectNode) event.path("requestContext")).put("requestId", UUID.randomUUID().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
            return ApiJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts with S3 and/or DynamoDB cut off, and reconnects them whatever happens. */
    private JsonNode postWhileCut(boolean cutS3, boolean cutDynamoDb, String body) {
        servers.setS3Reachable(!cutS3);
        servers.setDynamoDbReachable(!cutDynamoDb);
        try {
            return post(body);
        } finally {
            servers.setS3Reachable(true);
            servers.setDynamoDbReachable(true);
        }
    }

    private static JsonNode body(JsonNode response) {
        return TestApi.json(response.path("body").asText());
    }

    private List<ObjectVersion> objectVersions() {
        return s3.listObjectVersions(list -> list.bucket(settings.bucket())).versions();
    }

    private List<Map<String, AttributeValue>> items() {
        // The versions, without the products' head items (docs/adr/0013-listing-products.md).
        return dynamoDb.scan(scan -> scan.tableName(settings.table()).consistentRead(true)
                .filterExpression("#v > :head")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":head", AttributeValue.fromN("0")))).items();
    }

    private static String withFile(String productData) {
        return "{\"fileName\":\"spec.pdf\",\"fileData\":\"JVBERi0xLjQK\",\"contentType\":\"application/pdf\","
                + "\"productData\":" + productData + "}";
    }

    @Test
    void aProductWithAFileEndsAsOneObjectVersionAndOneItem() {
        // when
        JsonNode response = post(withFile("{\"productId\":\"sku-1\",\"productName\":\"Drill\",\"price\":129.90}"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        JsonNode file = body(response).path("file");
        assertThat(objectVersions()).singleElement().satisfies(version -> {
            assertThat(version.key()).isEqualTo(file.path("key").asText());
            assertThat(version.versionId()).isEqualTo(file.path("versionId").asText());
        });
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get("productId").s()).isEqualTo("sku-1");
            assertThat(item.get("version").n()).isEqualTo("1");
            assertThat(item.get("price").n()).isEqualTo("129.9");
            assertThat(item.get("files").l()).hasSize(1);
        });
    }

    @Test
    void concurrentUpdatesOfOneProductEndAsConsecutiveVersionsWithNothingLost() throws Exception {
        // given
        assertThat(post("{\"productData\":{\"productId\":\"sku-2\",\"productName\":\"Lamp\",\"price\":10}}")
                .path("statusCode").asInt()).isEqualTo(201);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_WRITERS);
        List<Future<JsonNode>> responses = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < CONCURRENT_WRITERS; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return post(withFile("{\"productId\":\"sku-2\"}"));
                }));
            }
            start.countDown();
            List<String> storedFiles = new ArrayList<>();
            for (Future<JsonNode> response : responses) {
                assertThat(response.get().path("statusCode").asInt()).isEqualTo(201);
                storedFiles.add(body(response.get()).path("file").path("fileId").asText());
            }

            // then
            List<Long> versions = items().stream().map(item -> Long.parseLong(item.get("version").n())).sorted().toList();
            assertThat(versions).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, CONCURRENT_WRITERS + 1).boxed().toList());
            Map<String, AttributeValue> latest = items().stream()
                    .filter(item -> item.get("version").n().equals(String.valueOf(CONCURRENT_WRITERS + 1)))
                    .findFirst().orElseThrow();
            assertThat(latest.get("files").l()).extracting(file -> file.m().get("fileId").s())
                    .containsExactlyInAnyOrderElementsOf(storedFiles);
            assertThat(objectVersions()).hasSize(CONCURRENT_WRITERS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreachableS3AnswersServiceUnavailableAndWritesNoItem() {
        // when
        JsonNode response = postWhileCut(true, false, withFile("{\"productName\":\"Drill\",\"price\":1}"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:product-upload:problem:backend-unavailable");
        assertThat(items()).isEmpty();
        assertThat(objectVersions()).isEmpty();
    }

    @Test
    void anUnreachableDynamoDbAfterTheFileWasStoredHidesThatFileAndAnswersServiceUnavailable() {
        // when: a new product without an id, so the first DynamoDB call is the write after the file
        JsonNode response = postWhileCut(false, true, withFile("{\"productName\":\"Drill\",\"price\":1}"));

        // then: the table could not be asked whether the write happened; the file is behind a delete marker
        // (still readable by its version id, should the write turn up), no item
        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:product-upload:problem:outcome-unknown");
        assertThat(objectVersions()).extracting(ObjectVersion::isLatest).containsExactly(false);
        assertThat(s3.listObjectVersions(list -> list.bucket(settings.bucket())).deleteMarkers()).hasSize(1);
        assertThat(items()).isEmpty();
    }

    @Test
    void requestsSucceedAgainOnceTheServersAreBackWithoutARestart() {
        // given
        assertThat(postWhileCut(true, true, withFile("{\"productName\":\"Drill\",\"price\":1}")).path("statusCode").asInt()).isEqualTo(503);

        // when
        JsonNode response = post(withFile("{\"productName\":\"Drill\",\"price\":1}"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        assertThat(objectVersions()).hasSize(1);
        assertThat(items()).hasSize(1);
    }

    @Test
    void aLostS3AnswerIsRetriedIntoTheSameObjectVersionNotASecondOne() {
        // given: S3 stores the first put, its answer never arrives, the SDK sends it again
        servers.cutNextS3Responses(1);

        // when
        JsonNode response = post(withFile("{\"productName\":\"Drill\",\"price\":1}"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        String versionId = body(response).path("file").path("versionId").asText();
        assertThat(objectVersions()).extracting(ObjectVersion::versionId).containsExactly(versionId);
        assertThat(items()).singleElement().satisfies(item ->
                assertThat(item.get("files").l().get(0).m().get("versionId").s()).isEqualTo(versionId));
    }

    @Test
    void aLostDynamoDbAnswerAfterTheWriteIsFoundOutAndAnswered201WithOneVersion() {
        // given: a new product (the first DynamoDB call is the write); the write lands, its answer is lost
        servers.cutNextDynamoDbResponses(1);

        // when
        JsonNode response = post(withFile("{\"productName\":\"Drill\",\"price\":1}"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        assertThat(items()).singleElement().satisfies(item -> assertThat(item.get("version").n()).isEqualTo("1"));
        assertThat(objectVersions()).singleElement().satisfies(version -> assertThat(version.isLatest()).isTrue());
    }

    @Test
    void whenDynamoDbTakesTheWriteThenAnswersNothingTheAnswerSaysSoAndTheReferencedFileStaysReadable() {
        // given: every DynamoDB answer from now on is lost, the read-back's too
        servers.cutNextDynamoDbResponses(1_000);
        JsonNode response;
        try {
            // when
            response = post(withFile("{\"productName\":\"Drill\",\"price\":1}"));
        } finally {
            servers.cutNextDynamoDbResponses(0);
        }

        // then: not "not stored", because it was; the stored version's file is still there by its version id
        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:product-upload:problem:outcome-unknown");
        Map<String, AttributeValue> file = items().get(0).get("files").l().get(0).m();
        assertThat(s3.getObjectAsBytes(get -> get.bucket(settings.bucket()).key(file.get("key").s())
                .versionId(file.get("versionId").s())).asByteArray()).isNotEmpty();
    }

    @Test
    void twelveWritersTimesEightBlindUpdatesAllLandWithNoConflictAndNoFileLost() throws Exception {
        // given
        int writers = 12;
        int updatesEach = 8;
        assertThat(post("{\"productData\":{\"productId\":\"sku-9\",\"productName\":\"Lamp\",\"price\":10}}")
                .path("statusCode").asInt()).isEqualTo(201);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<JsonNode>>> results = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<JsonNode> mine = new ArrayList<>();
                    for (int update = 0; update < updatesEach; update++) {
                        mine.add(post(withFile("{\"productId\":\"sku-9\"}")));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> storedFiles = new ArrayList<>();
            for (Future<List<JsonNode>> result : results) {
                for (JsonNode response : result.get()) {
                    statuses.add(response.path("statusCode").asInt());
                    storedFiles.add(body(response).path("file").path("fileId").asText());
                }
            }

            // then
            assertThat(statuses).hasSize(writers * updatesEach).containsOnly(201);
            Map<String, AttributeValue> latest = dynamoDb.query(query -> query.tableName(settings.table())
                    .keyConditionExpression("productId = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("sku-9")))
                    .scanIndexForward(false).limit(1).consistentRead(true)).items().get(0);
            assertThat(latest.get("version").n()).isEqualTo(String.valueOf(1 + writers * updatesEach));
            assertThat(latest.get("files").l()).extracting(file -> file.m().get("fileId").s())
                    .containsExactlyInAnyOrderElementsOf(storedFiles);
        } finally {
            pool.shutdownNow();
        }
    }
}
