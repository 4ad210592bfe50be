package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.IdempotentWrites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key through the Lambda handler wired as in production, on the S3- and DynamoDB-compatible servers. */
@ExtendWith(AwsBackendsExtension.class)
class IdempotencyOnAwsIT {

    private static final String CALLER = "arn:aws:iam::123456789012:user/uploader";

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final UploadHandler handler;

    IdempotencyOnAwsIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.dynamoDb = servers.dynamoDbClient(settings);
        this.handler = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));
    }

    private JsonNode post(String body, String key, String caller) {
        try (InputStream in = IdempotencyOnAwsIT.class.getResourceAsStream("/events/post-upload.json")) {
            ObjectNode event = (ObjectNode) ApiJson.mapper().readTree(in);
            event.put("body", body);
            ((ObjectNode) event.path("headers")).put(IdempotentWrites.KEY_HEADER, key);
            ObjectNode context = (ObjectNode) event.path("requestContext");
            context.put("requestId", UUID.randomUUID().toString());
            ((ObjectNode) context.path("identity")).put("userArn", caller);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
            return ApiJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withFile(String productId) {
        return "{\"fileName\":\"spec.pdf\",\"fileData\":\"JVBERi0xLjQK\",\"contentType\":\"application/pdf\","
                + "\"productData\":{\"productId\":\"" + productId + "\",\"productName\":\"Drill\",\"price\":129.90}}";
    }

    private static boolean replayed(JsonNode response) {
        return "true".equals(response.path("headers").path(IdempotentWrites.REPLAYED_HEADER).asText(null));
    }

    private int versions() {
        // The versions, without the products' head items (docs/adr/0013-listing-products.md).
        return dynamoDb.scan(scan -> scan.tableName(settings.table()).consistentRead(true)
                .filterExpression("#v > :head")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":head", AttributeValue.fromN("0")))).count();
    }

    private int fileVersions() {
        return s3.listObjectVersions(list -> list.bucket(settings.bucket())).versions().size();
    }

    @Test
    void writesOneVersionAndOneFileForTwentyConcurrentRequestsWithOneKey() throws Exception {
        // given
        int requests = 20;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try {
            // when
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(withFile("sku-race"), "key-race", CALLER);
                }));
            }
            start.countDown();
            List<JsonNode> executed = new ArrayList<>();
            List<JsonNode> others = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                JsonNode response = answer.get(60, TimeUnit.SECONDS);
                (response.path("statusCode").asInt() == 201 && !replayed(response) ? executed : others).add(response);
            }

            // then
            assertThat(executed).hasSize(1);
            assertThat(versions()).isEqualTo(1);
            assertThat(fileVersions()).isEqualTo(1);
            for (JsonNode other : others) {
                if (other.path("statusCode").asInt() == 201) {
                    assertThat(replayed(other)).isTrue();
                    assertThat(other.path("body").asText()).isEqualTo(executed.get(0).path("body").asText());
                } else {
                    assertThat(other.path("statusCode").asInt()).isEqualTo(409);
                    assertThat(other.path("body").asText()).contains("request-in-progress");
                    assertThat(other.path("headers").path("Retry-After").asText()).matches("[1-9][0-9]*");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void answersARetryAfterCutDynamoDbResponsesWithTheAnswerOfTheWriteThatHappened(int cut) {
        // given: the first `cut` DynamoDB responses of the request are lost after DynamoDB acted on them
        String key = "key-cut-" + cut;
        servers.cutNextDynamoDbResponses(cut);
        JsonNode first = post(withFile("sku-cut-" + cut), key, CALLER);
        servers.cutNextDynamoDbResponses(0);

        // when
        JsonNode retry = post(withFile("sku-cut-" + cut), key, CALLER);

        // then
        assertThat(first.path("statusCode").asInt()).as(first.toString()).isEqualTo(201);
        assertThat(retry.path("statusCode").asInt()).isEqualTo(201);
        assertThat(replayed(retry)).isTrue();
        assertThat(retry.path("body").asText()).isEqualTo(first.path("body").asText());
        assertThat(versions()).isEqualTo(1);
    }

    @Test
    void givesAnotherCallerWithTheSameKeyItsOwnExecution() {
        // given
        JsonNode first = post(withFile("sku-callers"), "key-shared", CALLER);

        // when
        JsonNode other = post(withFile("sku-callers"), "key-shared", "arn:aws:sts::210987654321:assumed-role/app/run");

        // then
        assertThat(first.path("statusCode").asInt()).isEqualTo(201);
        assertThat(other.path("statusCode").asInt()).isEqualTo(201);
        assertThat(replayed(other)).isFalse();
        assertThat(versions()).isEqualTo(2);
    }
}
