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

import static org.assertj.core.api.Assertions.assertThat;

/** The read routes through the handler, fed with API Gateway REST proxy events of the shape API Gateway sends. */
class ReadHandlerTest {

    private final TestApi test = new TestApi();
    private final UploadHandler handler = new UploadHandler(test.api);

    private static ObjectNode event(String name) throws IOException {
        try (InputStream in = ReadHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) ApiJson.mapper().readTree(in);
        }
    }

    private JsonNode invoke(JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
        return ApiJson.mapper().readTree(out.toByteArray());
    }

    private static JsonNode body(JsonNode proxyResponse) {
        return TestApi.json(proxyResponse.path("body").asText());
    }

    private JsonNode uploadTwice() throws IOException {
        JsonNode first = body(invoke(event("post-upload.json")));
        ObjectNode second = event("post-upload.json");
        second.put("body", "{\"productData\":{\"productId\":\"sku-1001\",\"price\":119.90}}");
        assertThat(invoke(second).path("statusCode").asInt()).isEqualTo(201);
        return first;
    }

    @Test
    void answersTheLatestVersionWithItsETagAnd304WhenTheClientHasIt() throws IOException {
        // given
        uploadTwice();
        ObjectNode conditional = event("get-product.json");
        ((ObjectNode) conditional.path("headers")).put("If-None-Match", "\"2\"");

        // when
        JsonNode response = invoke(event("get-product.json"));
        JsonNode notModified = invoke(conditional);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("ETag").asText()).isEqualTo("\"2\"");
        assertThat(body(response).path("price").decimalValue()).isEqualByComparingTo("119.90");
        assertThat(notModified.path("statusCode").asInt()).isEqualTo(304);
        assertThat(notModified.path("body").asText()).isEmpty();
    }

    @Test
    void answersAVersionExactlyAsTheUploadReturnedIt() throws IOException {
        // given
        JsonNode first = uploadTwice();

        // when
        JsonNode response = invoke(event("get-product-version.json"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("body").asText()).isEqualTo(ApiJson.mapper().writeValueAsString(first.path("product")));
    }

    @Test
    void pagesThroughVersionsWithTheCursorInTheQueryParameters() throws IOException {
        // given
        uploadTwice();

        // when
        JsonNode firstPage = body(invoke(event("list-product-versions.json")));
        ObjectNode next = event("list-product-versions.json");
        next.putObject("queryStringParameters").put("limit", "1").put("cursor", firstPage.path("nextCursor").asText());
        next.putObject("multiValueQueryStringParameters").putArray("limit").add("1");
        ((ObjectNode) next.path("multiValueQueryStringParameters")).putArray("cursor").add(firstPage.path("nextCursor").asText());
        JsonNode lastPage = body(invoke(next));

        // then
        assertThat(firstPage.path("items")).hasSize(1);
        assertThat(firstPage.path("items").get(0).path("version").asLong()).isEqualTo(2);
        assertThat(lastPage.path("items").get(0).path("version").asLong()).isEqualTo(1);
        assertThat(lastPage.has("nextCursor")).isFalse();
    }

    @Test
    void listsProductsByPriceWithTheFiltersAndTheCursorInTheQueryParameters() throws IOException {
        // given: sku-1001 at 119.90 EUR, and a cheaper one
        uploadTwice();
        ObjectNode cheaper = event("post-upload.json");
        cheaper.put("body", "{\"productData\":{\"productId\":\"sku-0999\",\"productName\":\"Bit\",\"price\":10.00,"
                + "\"currency\":\"EUR\"}}");
        assertThat(invoke(cheaper).path("statusCode").asInt()).isEqualTo(201);

        // when
        JsonNode firstPage = body(invoke(event("list-products.json")));
        ObjectNode next = event("list-products.json");
        ((ObjectNode) next.path("queryStringParameters")).put("cursor", firstPage.path("nextCursor").asText());
        ((ObjectNode) next.path("multiValueQueryStringParameters")).putArray("cursor").add(firstPage.path("nextCursor").asText());
        JsonNode lastPage = body(invoke(next));
        ObjectNode badRange = event("list-products.json");
        ((ObjectNode) badRange.path("queryStringParameters")).put("minPrice", "300.00");
        ((ObjectNode) badRange.path("multiValueQueryStringParameters")).putArray("minPrice").add("300.00");
        JsonNode refused = invoke(badRange);

        // then
        assertThat(firstPage.path("items")).hasSize(1);
        assertThat(firstPage.path("items").get(0).path("productId").asText()).isEqualTo("sku-0999");
        assertThat(lastPage.path("items").get(0).path("productId").asText()).isEqualTo("sku-1001");
        assertThat(lastPage.path("items").get(0).path("version").asLong()).isEqualTo(2);
        assertThat(lastPage.has("nextCursor")).isFalse();
        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("errors").get(0).path("field").asText()).isEqualTo("minPrice");
    }

    @Test
    void answersAForgedCursorWith400() throws IOException {
        uploadTwice();
        ObjectNode forged = event("list-product-versions.json");
        forged.putObject("queryStringParameters").put("cursor", "forged.cursor");
        forged.putNull("multiValueQueryStringParameters");

        JsonNode response = invoke(forged);

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:product-upload:problem:invalid-cursor");
    }

    @Test
    void redirectsADownloadAndAnswersAnUnknownFileWith404() throws IOException {
        // given
        String fileId = uploadTwice().path("file").path("fileId").asText();
        ObjectNode download = event("download-file.json");
        ((ObjectNode) download.path("pathParameters")).put("fileId", fileId);
        download.put("path", "/products/sku-1001/files/" + fileId);

        // when
        JsonNode redirect = invoke(download);
        JsonNode unknown = invoke(event("download-file.json"));

        // then
        assertThat(redirect.path("statusCode").asInt()).isEqualTo(307);
        assertThat(redirect.path("headers").path("Location").asText()).isNotBlank();
        assertThat(unknown.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(unknown).path("type").asText()).isEqualTo("urn:product-upload:problem:file-not-found");
    }

    @Test
    void takesThePathParametersApiGatewayDecodedNotThePath() throws IOException {
        // given: a custom domain's base path in the path; the parameters are what API Gateway matched
        uploadTwice();
        ObjectNode event = event("get-product.json");
        event.put("path", "/v1/products/sku-1001");

        // when
        JsonNode response = invoke(event);

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).path("productId").asText()).isEqualTo("sku-1001");
    }

    @Test
    void answersAnIdThatBreaksTheRulesWith400NamingProductId() throws IOException {
        ObjectNode event = event("get-product.json");
        ((ObjectNode) event.path("pathParameters")).put("productId", "not valid/id");

        JsonNode response = invoke(event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("productId");
    }

    @Test
    void answersAWrongMethodOnAKnownResourceWith405AllowingGet() throws IOException {
        ObjectNode event = event("get-product.json");
        event.put("httpMethod", "DELETE");

        JsonNode response = invoke(event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(405);
        assertThat(response.path("headers").path("Allow").asText()).isEqualTo("GET");
    }
}
