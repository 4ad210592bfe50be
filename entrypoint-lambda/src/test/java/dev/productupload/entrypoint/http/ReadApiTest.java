package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.model.ProductRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.productupload.entrypoint.http.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The read routes of the contract, through the whole pipeline on the in-memory stores. */
class ReadApiTest {

    private static final String PROBLEM = "application/problem+json";
    private final TestApi test = new TestApi();

    private static void assertProblem(HttpResponse response, int status, String slug) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", PROBLEM);
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).isEqualTo("urn:product-upload:problem:" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isNotBlank();
    }

    private static List<String> errorFields(HttpResponse response) {
        List<String> fields = new ArrayList<>();
        json(response).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private JsonNode upload(String productId, String price, String fileText) {
        String file = fileText == null ? "" : "\"fileName\":\"notes.txt\",\"contentType\":\"text/plain\",\"fileData\":\""
                + Base64.getEncoder().encodeToString(fileText.getBytes(StandardCharsets.UTF_8)) + "\",";
        HttpResponse response = test.post("{" + file + "\"productData\":{\"productId\":\"" + productId
                + "\",\"productName\":\"Lamp\",\"price\":" + price + "}}");
        assertThat(response.status()).isEqualTo(201);
        return json(response);
    }

    @Test
    void answersTheLatestVersionInTheUploadsProductShapeTaggedWithItsVersion() throws Exception {
        // given
        upload("sku-1", "1.00", null);
        JsonNode second = upload("sku-1", "2.50", "hello");

        // when
        HttpResponse response = test.get("/products/sku-1");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json").containsEntry("ETag", "\"2\"");
        assertThat(response.bodyText()).isEqualTo(ApiJson.mapper().writeValueAsString(second.path("product")));
        assertThat(response.bodyText()).contains("\"price\":2.50");
    }

    @Test
    void answersAnUnchangedProductWith304AndNoBody() {
        // given
        upload("sku-1", "1.00", null);

        // when / then
        for (String ifNoneMatch : List.of("\"1\"", "W/\"1\"", "\"7\", \"1\"", "*")) {
            HttpResponse response = test.get("/products/sku-1", Map.of("If-None-Match", ifNoneMatch));
            assertThat(response.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers()).containsEntry("ETag", "\"1\"").doesNotContainKey("Content-Type");
        }
        assertThat(test.get("/products/sku-1", Map.of("If-None-Match", "\"0\"")).status()).isEqualTo(200);
    }

    @Test
    void answersAnUnknownProductWith404() {
        assertProblem(test.get("/products/nope"), 404, "product-not-found");
        assertProblem(test.get("/products/nope/versions/1"), 404, "product-not-found");
        assertProblem(test.get("/products/nope/versions"), 404, "product-not-found");
        assertProblem(test.get("/products/nope/files/f-1"), 404, "product-not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dash-first", "a%20b", "%C3%BC", "x.." + "y", "a%2Fb"})
    void answersAnIdThatBreaksTheProductIdRulesWith400NamingProductId(String encodedId) {
        // "x..y" is valid; the rest are not
        HttpResponse response = test.get("/products/" + encodedId);

        if (encodedId.equals("x..y")) {
            assertProblem(response, 404, "product-not-found");
        } else {
            assertProblem(response, 400, "invalid-request");
            assertThat(errorFields(response)).containsExactly("productId");
        }
    }

    @Test
    void answersAnIdOverTheLengthLimitWith400() {
        HttpResponse response = test.get("/products/" + "a".repeat(129));

        assertProblem(response, 400, "invalid-request");
        assertThat(json(response).path("errors").get(0).path("message").asText()).isEqualTo(ProductRules.PRODUCT_ID_RULE);
    }

    @Test
    void answersAVersionByteForByteAsTheUploadReturnedIt() throws Exception {
        // given
        JsonNode first = upload("sku-1", "1.10", "first file");
        upload("sku-1", "2.20", "second file");

        // when
        HttpResponse response = test.get("/products/sku-1/versions/1");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("ETag", "\"1\"");
        assertThat(response.bodyText()).isEqualTo(ApiJson.mapper().writeValueAsString(first.path("product")));
        assertThat(json(response).path("files").get(0).path("versionId").asText())
                .isEqualTo(first.path("file").path("versionId").asText());
    }

    @Test
    void answersAMissingVersionWith404() {
        upload("sku-1", "1.00", null);

        assertProblem(test.get("/products/sku-1/versions/2"), 404, "version-not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "abc", "01", "99999999999999999999", "%31"})
    void answersAVersionThatIsNoPositiveWholeNumberWith400NamingVersion(String version) {
        upload("sku-1", "1.00", null);

        HttpResponse response = test.get("/products/sku-1/versions/" + version);

        if (version.equals("%31")) {
            assertThat(response.status()).isEqualTo(200);
        } else {
            assertProblem(response, 400, "invalid-request");
            assertThat(errorFields(response)).containsExactly("version");
        }
    }

    @Test
    void listsVersionsNewestFirstTwentyAtATimeWithACursorUntilTheLastPage() {
        // given
        for (int i = 1; i <= 45; i++) {
            upload("sku-1", i + ".00", null);
        }

        // when
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse response = test.get("/products/sku-1/versions"
                    + (cursor == null ? "" : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(response.status()).isEqualTo(200);
            JsonNode page = json(response);
            page.path("items").forEach(item -> seen.add(item.path("version").asLong()));
            pageSizes.add(page.path("items").size());
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        // then
        assertThat(pageSizes).containsExactly(20, 20, 5);
        assertThat(seen).hasSize(45).first().isEqualTo(45L);
        assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void leavesTheCursorOutOnTheLastPage() {
        upload("sku-1", "1.00", null);

        HttpResponse response = test.get("/products/sku-1/versions?limit=1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).has("nextCursor")).isFalse();
        assertThat(json(response).path("items")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", "9999999999"})
    void answersALimitOutside1To100With400NamingLimit(String limit) {
        upload("sku-1", "1.00", null);

        HttpResponse response = test.get("/products/sku-1/versions?limit=" + limit);

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("limit");
    }

    @Test
    void answersACursorWeDidNotIssueWith400InvalidCursorNever500() {
        // given
        for (int i = 1; i <= 3; i++) {
            upload("sku-1", i + ".00", null);
            upload("sku-2", i + ".00", null);
        }
        String cursor = json(test.get("/products/sku-1/versions?limit=1")).path("nextCursor").asText();
        String foreign = json(test.get("/products/sku-2/versions?limit=1")).path("nextCursor").asText();

        // when / then
        assertThat(test.get("/products/sku-1/versions?limit=1&cursor=" + cursor).status()).isEqualTo(200);
        for (String bad : List.of(foreign, cursor.substring(0, cursor.length() - 2), cursor + "x", "AAAA.AAAA",
                "%00", "%ZZ", "..", "a.b.c")) {
            assertProblem(test.get("/products/sku-1/versions?cursor=" + bad), 400, "invalid-cursor");
        }
    }

    @Test
    void redirectsAFileDownloadToAShortLivedLinkForThatStoredVersion() {
        // given
        JsonNode uploaded = upload("sku-1", "1.00", "hello");
        String fileId = uploaded.path("file").path("fileId").asText();

        // when
        HttpResponse response = test.get("/products/sku-1/files/" + fileId);

        // then
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.headers().get("Location")).startsWith("/downloads/");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersAnUnknownFileWith404() {
        upload("sku-1", "1.00", "hello");

        assertProblem(test.get("/products/sku-1/files/no-such-file"), 404, "file-not-found");
    }

    @Test
    void answersAWrongMethodOnAKnownPathWith405ListingThatPathsMethods() {
        upload("sku-1", "1.00", null);

        for (String path : List.of("/products/sku-1", "/products/sku-1/versions", "/products/sku-1/versions/1",
                "/products/sku-1/files/f")) {
            HttpResponse response = test.api.handle(TestApi.request("POST", path,
                    Map.of("Content-Type", "application/json"), "{}"));
            assertProblem(response, 405, "method-not-allowed");
            assertThat(response.headers()).containsEntry("Allow", "GET");
        }
        assertThat(test.api.handle(TestApi.request("DELETE", "/upload", Map.of(), null)).headers())
                .containsEntry("Allow", "POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/catalogue", "/products/sku-1/files", "/products/sku-1/other", "/product/sku-1",
            "/products/sku-1/versions/1/x"})
    void answersAnUnknownPathWith404(String path) {
        assertProblem(test.get(path), 404, "not-found");
    }

    @Test
    void logsOneLineForARead() {
        upload("sku-1", "1.00", null);
        test.logLines.clear();

        test.get("/products/sku-1");

        assertThat(test.logLines()).singleElement().satisfies(line -> {
            JsonNode entry = json(line);
            assertThat(entry.path("method").asText()).isEqualTo("GET");
            assertThat(entry.path("path").asText()).isEqualTo("/products/sku-1");
            assertThat(entry.path("status").asInt()).isEqualTo(200);
            assertThat(entry.path("productId").asText()).isEqualTo("sku-1");
            assertThat(entry.path("version").asLong()).isEqualTo(1);
        });
    }
}
