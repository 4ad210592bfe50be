package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.PresignedPuts;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staged upload through the Lambda handler wired as in production, on s3proxy and dynalite: create, the client's
 * PUT to the presigned URL, complete, and the download through the file route; what S3 refuses on the way.
 */
@ExtendWith(AwsBackendsExtension.class)
class StagedUploadOnAwsIT {

    private static final int SIZE = 20 * 1024 * 1024;
    private static final byte[] BYTES = new byte[SIZE];

    static {
        new Random(19).nextBytes(BYTES);
    }

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final UploadHandler handler;

    StagedUploadOnAwsIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.handler = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));
    }

    private static ObjectNode event(String name) throws IOException {
        try (InputStream in = StagedUploadOnAwsIT.class.getResourceAsStream("/events/" + name)) {
            ObjectNode event = (ObjectNode) ApiJson.mapper().readTree(in);
            ((ObjectNode) event.path("requestContext")).put("requestId", UUID.randomUUID().toString());
            return event;
        }
    }

    private JsonNode invoke(JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
        return ApiJson.mapper().readTree(out.toByteArray());
    }

    private JsonNode create(byte[] bytes) throws IOException {
        ObjectNode create = event("create-upload.json");
        create.put("body", "{\"fileName\":\"manual.pdf\",\"contentType\":\"application/pdf\",\"size\":" + bytes.length
                + ",\"checksum\":{\"algorithm\":\"CRC32C\",\"value\":\"" + Checksum.crc32c(bytes).value() + "\"}}");
        JsonNode created = invoke(create);
        assertThat(created.path("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        return TestApi.json(created.path("body").asText());
    }

    private JsonNode complete(JsonNode ticket) throws IOException {
        ObjectNode complete = event("complete-upload.json");
        ((ObjectNode) complete.path("pathParameters")).put("uploadId", ticket.path("uploadId").asText());
        complete.put("path", "/products/sku-1001/uploads/" + ticket.path("uploadId").asText() + "/complete");
        return invoke(complete);
    }

    private static HttpResponse<String> put(URI url, JsonNode headers, byte[] body) throws Exception {
        Map<String, String> named = new java.util.LinkedHashMap<>();
        headers.fields().forEachRemaining(header -> named.put(header.getKey(), header.getValue().asText()));
        return PresignedPuts.send(url, named, body);
    }

    @Test
    void takesA20MiBFileThatDownloadsByteIdenticalThroughTheFileRoute() throws Exception {
        // given
        JsonNode ticket = create(BYTES);

        // when
        HttpResponse<String> stored = put(URI.create(ticket.path("url").asText()), ticket.path("headers"), BYTES);
        JsonNode completed = complete(ticket);

        // then
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(completed.path("statusCode").asInt()).as(completed.toString()).isEqualTo(201);
        JsonNode file = TestApi.json(completed.path("body").asText()).path("file");
        assertThat(file.path("versionId").asText()).isEqualTo(stored.headers().firstValue("x-amz-version-id").orElseThrow());
        ObjectNode download = event("download-file.json");
        ((ObjectNode) download.path("pathParameters")).put("fileId", file.path("fileId").asText());
        URI location = URI.create(invoke(download).path("headers").path("Location").asText());
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.body()).isEqualTo(BYTES);
    }

    @Test
    void refusesOtherBytesAnotherSizeAndAnotherTypeAndCompletionThenAnswers409() throws Exception {
        // given: the 20 MiB upload, and a small one for the refusal s3proxy answers before reading a body (it then
        // closes the connection under a large body, and the client loses the answer)
        JsonNode ticket = create(BYTES);
        URI url = URI.create(ticket.path("url").asText());
        byte[] otherBytes = BYTES.clone();
        otherBytes[SIZE / 3] ^= 1;
        byte[] small = java.util.Arrays.copyOf(BYTES, 1024);
        JsonNode smallTicket = create(small);
        ObjectNode otherType = smallTicket.path("headers").deepCopy();
        otherType.put("content-type", "text/html");

        // when
        HttpResponse<String> withOtherBytes = put(url, ticket.path("headers"), otherBytes);
        HttpResponse<String> withOtherSize = put(url, ticket.path("headers"), small);
        HttpResponse<String> withOtherType = put(URI.create(smallTicket.path("url").asText()), otherType, small);
        JsonNode completed = complete(ticket);
        JsonNode smallCompleted = complete(smallTicket);

        // then
        assertThat(withOtherBytes.statusCode()).isEqualTo(400);
        assertThat(withOtherBytes.body()).contains("BadDigest");
        assertThat(withOtherSize.statusCode()).isEqualTo(403);
        assertThat(withOtherType.statusCode()).isEqualTo(403);
        for (JsonNode answer : java.util.List.of(completed, smallCompleted)) {
            assertThat(answer.path("statusCode").asInt()).isEqualTo(409);
            assertThat(TestApi.json(answer.path("body").asText()).path("type").asText())
                    .isEqualTo("urn:product-upload:problem:upload-incomplete");
        }
    }

    /**
     * The same PUT as the adapter presigns, signed 16 minutes ago for 15 (the SDK's presigner takes no clock; its
     * legacy signer does), is refused: s3proxy checks X-Amz-Date plus X-Amz-Expires as S3 does.
     */
    @Test
    void refusesAUrlPastItsExpiry() throws Exception {
        // given
        servers.assumeFaultsCanBeInjected();
        byte[] small = {1, 2, 3};
        String key = "products/sku-1001/files/" + UUID.randomUUID() + "/manual.pdf";
        URI endpoint = URI.create(servers.directEnvironment(settings.bucket(), settings.table())
                .get(AwsSettings.S3_ENDPOINT));
        Map<String, String> headers = Map.of("content-type", "application/pdf", "if-none-match", "*",
                "x-amz-checksum-crc32c", Checksum.crc32c(small).value());
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(endpoint.resolve("/" + settings.bucket() + "/" + key))
                .putHeader("content-length", Integer.toString(small.length));
        headers.forEach(unsigned::putHeader);
        Instant signedAt = Instant.now().minus(Duration.ofMinutes(16));
        SdkHttpFullRequest presigned = AwsS3V4Signer.create().presign(unsigned.build(), Aws4PresignerParams.builder()
                .awsCredentials(servers.credentials().resolveCredentials())
                .signingName("s3").signingRegion(Region.US_EAST_1)
                .expirationTime(signedAt.plus(Duration.ofMinutes(15)))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC)).build());
        ObjectNode headerNode = ApiJson.mapper().createObjectNode();
        headers.forEach(headerNode::put);

        // when
        HttpResponse<String> expired = put(presigned.getUri(), headerNode, small);

        // then
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(403);
    }
}
