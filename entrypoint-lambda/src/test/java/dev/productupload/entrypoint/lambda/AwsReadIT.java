package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read routes through the Lambda handler wired as in production, on the S3- and DynamoDB-compatible servers. */
@ExtendWith(AwsBackendsExtension.class)
class AwsReadIT {

    private final UploadHandler handler;

    AwsReadIT(AwsBackends servers) {
        AwsSettings settings = servers.freshResources();
        this.handler = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));
    }

    private static ObjectNode event(String name) throws IOException {
        try (InputStream in = AwsReadIT.class.getResourceAsStream("/events/" + name)) {
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

    @Test
    void readsBackAVersionAndFollowsTheDownloadRedirectToTheExactStoredBytes() throws Exception {
        // given
        byte[] bytes = new byte[50_000];
        new Random(11).nextBytes(bytes);
        ObjectNode post = event("post-upload.json");
        post.put("body", "{\"fileName\":\"spec sheet.pdf\",\"contentType\":\"application/pdf\",\"fileData\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\",\"productData\":{\"productId\":\"sku-1001\","
                + "\"productName\":\"Cordless Drill\",\"price\":129.90}}");
        JsonNode uploaded = TestApi.json(invoke(post).path("body").asText());
        JsonNode file = uploaded.path("file");
        ObjectNode download = event("download-file.json");
        ((ObjectNode) download.path("pathParameters")).put("fileId", file.path("fileId").asText());

        // when
        JsonNode version = invoke(event("get-product-version.json"));
        JsonNode latest = invoke(event("get-product.json"));
        JsonNode page = invoke(event("list-product-versions.json"));
        JsonNode redirect = invoke(download);
        URI location = URI.create(redirect.path("headers").path("Location").asText());
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(version.path("statusCode").asInt()).isEqualTo(200);
        assertThat(version.path("body").asText()).isEqualTo(ApiJson.mapper().writeValueAsString(uploaded.path("product")));
        assertThat(latest.path("headers").path("ETag").asText()).isEqualTo("\"1\"");
        assertThat(TestApi.json(page.path("body").asText()).path("items")).hasSize(1);
        assertThat(redirect.path("statusCode").asInt()).isEqualTo(307);
        assertThat(location.getQuery()).contains("versionId=" + file.path("versionId").asText(), "X-Amz-Expires=300");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.body()).isEqualTo(bytes);
        assertThat(Checksum.crc32c(object.body()).value()).isEqualTo(file.path("checksum").path("value").asText());
        assertThat(object.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(object.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("attachment; filename=\"spec sheet.pdf\""));
    }

    @Test
    void answersUnknownVersionsAndFilesWith404FromTheRealStores() throws Exception {
        // given
        invoke(event("post-upload.json"));
        ObjectNode missingVersion = event("get-product-version.json");
        ((ObjectNode) missingVersion.path("pathParameters")).put("version", "9");

        // when / then
        assertThat(TestApi.json(invoke(missingVersion).path("body").asText()).path("type").asText())
                .isEqualTo("urn:product-upload:problem:version-not-found");
        assertThat(TestApi.json(invoke(event("download-file.json")).path("body").asText()).path("type").asText())
                .isEqualTo("urn:product-upload:problem:file-not-found");
    }
}
