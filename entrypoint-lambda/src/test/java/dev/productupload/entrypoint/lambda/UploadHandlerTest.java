package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler fed with API Gateway REST proxy events as API Gateway sends them. */
class UploadHandlerTest {

    private final TestApi test = new TestApi();
    private final UploadHandler handler = new UploadHandler(test.api);

    private static ObjectNode event(String name) throws IOException {
        try (InputStream in = UploadHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) ApiJson.mapper().readTree(in);
        }
    }

    private JsonNode invoke(JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
        return ApiJson.mapper().readTree(out.toByteArray());
    }

    @Test
    void storesTheProductAndFileOfARealProxyEventAndAnswersAProxyResponse() throws IOException {
        // when
        JsonNode response = invoke(event("post-upload.json"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode body = TestApi.json(response.path("body").asText());
        assertThat(body.path("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(body.path("product").path("productId").asText()).isEqualTo("sku-1001");
        assertThat(body.path("product").path("price").decimalValue()).isEqualByComparingTo("129.90");
        assertThat(body.path("file").path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(test.products.findLatest("sku-1001")).isPresent();
        assertThat(test.files.versionCount()).isEqualTo(1);
    }

    @Test
    void logsTheGatewayRequestIdAndNeitherTheAuthorizationHeaderNorTheFile() throws IOException {
        invoke(event("post-upload.json"));

        assertThat(test.logLines()).singleElement().satisfies(line -> {
            assertThat(line).contains("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
            assertThat(line).doesNotContain("Signature=", "AKIAEXAMPLE", "JVBERi0", "secret-file-bytes", "Cordless");
        });
    }

    @Test
    void routesOnTheApiResourceSoACustomDomainBasePathStillReachesUpload() throws IOException {
        // given
        ObjectNode event = event("post-upload.json");
        event.put("path", "/v1/upload");

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
    }

    @Test
    void decodesABase64EncodedBody() throws IOException {
        // given
        ObjectNode event = event("post-upload.json");
        String body = event.path("body").asText();
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
    }

    @Test
    void takesALargeBodyWithCharactersBeyondAsciiByteForByte() throws IOException {
        // given: a body longer than the parser's text segments, its product name in three scripts and an emoji
        byte[] content = new byte[200 * 1024];
        new java.util.Random(14).nextBytes(content);
        String name = "Bohrmaschine \u00e4 \u20ac \u6f22 \uD83D\uDE00";
        ObjectNode event = event("post-upload.json");
        event.put("body", ApiJson.mapper().writeValueAsString(ApiJson.mapper().createObjectNode()
                .put("fileName", "a.bin").put("fileData", Base64.getEncoder().encodeToString(content))
                .set("productData", ApiJson.mapper().createObjectNode().put("productName", name).put("price", 1))));

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        JsonNode body = TestApi.json(response.path("body").asText());
        assertThat(body.path("product").path("productName").asText()).isEqualTo(name);
        JsonNode file = body.path("file");
        assertThat(test.files.read(file.path("key").asText(), file.path("versionId").asText()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    void decodesALargeBase64EncodedBodyWithItsLineBreaks() throws IOException {
        // given: API Gateway's base64 of a binary body, as a MIME encoder would break it
        ObjectNode event = event("post-upload.json");
        ObjectNode upload = (ObjectNode) TestApi.json(event.path("body").asText());
        ((ObjectNode) upload.path("productData")).put("description", "d".repeat(3000));
        event.put("body", Base64.getMimeEncoder().encodeToString(ApiJson.mapper().writeValueAsBytes(upload)));
        event.put("isBase64Encoded", true);

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        assertThat(TestApi.json(response.path("body").asText()).path("product").path("description").asText())
                .isEqualTo("d".repeat(3000));
    }

    @Test
    void answersAGetWith405AndAllowPost() throws IOException {
        // given
        ObjectNode event = event("post-upload.json");
        event.put("httpMethod", "GET");
        event.putNull("body");

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(405);
        assertThat(response.path("headers").path("Allow").asText()).isEqualTo("POST");
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
    }

    @Test
    void answersAnInvalidBodyWithProblemJsonCarryingTheGatewayRequestId() throws IOException {
        // given
        ObjectNode event = event("post-upload.json");
        event.put("body", "{\"productData\":{\"price\":-1}}");

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        JsonNode problem = TestApi.json(response.path("body").asText());
        assertThat(problem.path("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("productData.price");
        assertThat(test.products.versionCount()).isZero();
    }

    @Test
    void takesTheCallerFromTheSignersUserArnElseItsCallerId() throws IOException {
        // given
        ObjectNode signed = event("post-upload.json");
        ObjectNode withoutArn = event("post-upload.json");
        ((ObjectNode) withoutArn.path("requestContext").path("identity")).putNull("userArn");
        ObjectNode unsigned = event("post-upload.json");
        ((ObjectNode) unsigned.path("requestContext")).remove("identity");

        // when / then
        assertThat(UploadHandler.toRequest(signed, null).caller()).isEqualTo("arn:aws:iam::123456789012:user/uploader");
        assertThat(UploadHandler.toRequest(withoutArn, null).caller()).isEqualTo("AIDAEXAMPLE");
        assertThat(UploadHandler.toRequest(unsigned, null).caller()).isNull();
    }

    @Test
    void replaysAKeyedUploadOfTheSameCallerAndRunsAnotherCallersAgain() throws IOException {
        // given
        ObjectNode first = event("post-upload.json");
        ((ObjectNode) first.path("headers")).put("Idempotency-Key", "key-1");
        ObjectNode other = first.deepCopy();
        ((ObjectNode) other.path("requestContext").path("identity")).put("userArn", "arn:aws:iam::123456789012:user/other");

        // when
        JsonNode created = invoke(first);
        JsonNode again = invoke(first);
        JsonNode otherCaller = invoke(other);

        // then
        assertThat(created.path("statusCode").asInt()).isEqualTo(201);
        assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
        assertThat(again.path("body").asText()).isEqualTo(created.path("body").asText());
        assertThat(otherCaller.path("statusCode").asInt()).isEqualTo(201);
        assertThat(otherCaller.path("headers").has("Idempotent-Replayed")).isFalse();
    }
}
