package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static dev.productupload.entrypoint.http.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class UploadApiTest {

    private static final String PROBLEM = "application/problem+json";
    private final TestApi test = new TestApi();

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(HttpResponse response, int status, String slug) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", PROBLEM)
                .containsEntry("X-Content-Type-Options", "nosniff");
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).isEqualTo("urn:product-upload:problem:" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isNotBlank();
    }

    private static java.util.List<String> errorFields(HttpResponse response) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        json(response).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    @Test
    void createsAProductWithItsFileAndAnswers201WithBoth() {
        // when
        HttpResponse response = test.post("""
                {"fileName":"spec.pdf","fileData":"%s","contentType":"application/pdf",
                 "productData":{"productName":"Drill","price":129.90,"currency":"EUR","description":"18V",
                                "attributes":{"voltage":"18V"}}}""".formatted(base64("%PDF-1.4")));

        // then
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Content-Type-Options", "nosniff");
        JsonNode body = json(response);
        assertThat(body.path("requestId").asText()).isNotBlank();
        JsonNode product = body.path("product");
        assertThat(product.path("productName").asText()).isEqualTo("Drill");
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("129.90");
        assertThat(response.bodyText()).contains("\"price\":129.90");
        assertThat(product.path("currency").asText()).isEqualTo("EUR");
        assertThat(product.path("description").asText()).isEqualTo("18V");
        assertThat(product.path("attributes").path("voltage").asText()).isEqualTo("18V");
        assertThat(product.path("version").asLong()).isEqualTo(1);
        assertThat(product.path("createdAt").asText()).isNotBlank();
        assertThat(product.path("files")).hasSize(1);
        JsonNode file = body.path("file");
        assertThat(file).isEqualTo(product.path("files").get(0));
        assertThat(file.path("fileName").asText()).isEqualTo("spec.pdf");
        assertThat(file.path("size").asLong()).isEqualTo(8);
        assertThat(file.path("checksum").path("algorithm").asText()).isEqualTo("CRC32C");
        assertThat(test.files.read(file.path("key").asText(), file.path("versionId").asText()))
                .hasValueSatisfying(bytes -> assertThat(TestApi.utf8(bytes)).isEqualTo("%PDF-1.4"));
    }

    @Test
    void keepsPriceExactThroughTheWholePipeline() {
        HttpResponse response = test.post("{\"productData\":{\"productName\":\"A\",\"price\":0.30}}");

        String id = json(response).path("product").path("productId").asText();
        assertThat(test.products.findLatest(id).orElseThrow().price().toPlainString()).isEqualTo("0.30");
        assertThat(response.bodyText()).contains("\"price\":0.30");
    }

    @Test
    void updatesAnExistingProductAsTheNextVersion() {
        test.post("{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"A\",\"price\":1}}");

        HttpResponse response = test.post("{\"productData\":{\"productId\":\"sku-1\",\"price\":2.50,\"expectedVersion\":1}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(json(response).path("product").path("version").asLong()).isEqualTo(2);
        assertThat(json(response).path("product").path("productName").asText()).isEqualTo("A");
    }

    @Test
    void acceptsTheShapeClientsSendTodayWithNullsForAbsentFields() {
        HttpResponse response = test.post("""
                {"fileName":null,"fileData":null,"contentType":null,
                 "productData":{"productId":"sku-9","productName":"B","price":3,"description":null}}""");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void namesEveryInvalidFieldOfTheSchema() {
        HttpResponse response = test.post("""
                {"fileNmae":"x","productData":{"productName":"","price":"12","currency":"euro","colour":"red"}}""");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).contains("fileNmae", "productData.productName", "productData.price",
                "productData.currency", "productData.colour");
        json(response).path("errors").forEach(error -> assertThat(error.path("message").asText()).isNotBlank());
    }

    @Test
    void namesSchemaViolationsAndProductRuleViolationsTogether() {
        HttpResponse response = test.post("""
                {"fileName":"a.txt","fileData":"not base64!","productData":{"productName":"","price":1.234,"currency":"EURO"}}""");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("fileData", "productData.currency", "productData.price",
                "productData.productName");
        assertThat(test.files.versionCount()).isZero();
    }

    @Test
    void explainsAFieldInTheRulesWordsAndAWrongTypeInTheSchemasWords() {
        HttpResponse response = test.post("{\"fileName\":\"a.txt\",\"fileData\":123,\"productData\":{\"productId\":\"-x\","
                + "\"productName\":\"A\",\"price\":1,\"currency\":\"EURO\"}}");

        assertProblem(response, 400, "invalid-request");
        Map<String, String> messages = new java.util.TreeMap<>();
        json(response).path("errors").forEach(error -> messages.put(error.path("field").asText(), error.path("message").asText()));
        assertThat(messages).containsOnlyKeys("fileData", "productData.currency", "productData.productId");
        assertThat(messages.get("productData.currency")).contains("ISO 4217");
        assertThat(messages.get("productData.productId")).contains("letters, digits");
        assertThat(messages.get("fileData")).contains("string").doesNotContain("required");
    }

    @Test
    void namesOnlyTheSchemaFaultWhenTheBodyIsNoObject() {
        HttpResponse response = test.post("[1, 2]");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("$");
    }

    @Test
    void namesEveryFieldThatBreaksAProductRule() {
        HttpResponse response = test.post("{\"productData\":{\"productName\":\"A\",\"price\":1.001,\"currency\":\"ABC\"}}");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("productData.currency", "productData.price");
    }

    @Test
    void rejectsFileDataThatIsNotBase64() {
        HttpResponse response = test.post("{\"fileName\":\"a.txt\",\"fileData\":\"not base64!\",\"productData\":{\"productName\":\"A\",\"price\":1}}");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("fileData");
        assertThat(test.products.versionCount()).isZero();
    }

    @Test
    void decodesFileDataWrittenWithJsonEscapes() {
        // "\/\/\/\/" is "////" in JSON: the base64 of three 0xFF bytes
        HttpResponse response = test.post("{\"fileName\":\"a.bin\",\"fileData\":\"\\/\\/\\/\\/\","
                + "\"productData\":{\"productName\":\"A\",\"price\":1}}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode file = json(response).path("file");
        assertThat(test.files.read(file.path("key").asText(), file.path("versionId").asText()))
                .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(0xFF, 0xFF, 0xFF));
    }

    @Test
    void storesALargeFileByteForByte() {
        // given: more base64 than one of the parser's text segments holds
        byte[] content = new byte[300 * 1024];
        new java.util.Random(14).nextBytes(content);

        // when
        HttpResponse response = test.post("{\"fileName\":\"a.bin\",\"fileData\":\"%s\",\"productData\":{\"productName\":\"A\",\"price\":1}}"
                .formatted(Base64.getEncoder().encodeToString(content)));

        // then
        assertThat(response.status()).isEqualTo(201);
        JsonNode file = json(response).path("file");
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(test.files.read(file.path("key").asText(), file.path("versionId").asText()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUJ\u0144", "QUJ\u20ac", "QUJ\u00e9", "QU\\nJ", "QUJ\\u0000", "QUJ\uD83D\uDE00"})
    void rejectsFileDataWithACharacterOutsideTheBase64Alphabet(String fileData) {
        // U+0144's low byte is "D": "QUJ\u0144" must not pass for "QUJD"
        HttpResponse response = test.post("{\"fileName\":\"a.txt\",\"fileData\":\"" + fileData
                + "\",\"productData\":{\"productName\":\"A\",\"price\":1}}");

        assertProblem(response, 400, "invalid-request");
        assertThat(errorFields(response)).containsExactly("fileData");
        assertThat(test.files.versionCount()).isZero();
    }

    @Test
    void refusesTheSameFieldTwice() {
        assertProblem(test.post("{\"fileName\":\"a\",\"fileData\":\"AAAA\",\"fileData\":\"AAAA\"}"), 400, "malformed-json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]x", "{\"a\":1}{}", "{\"productData\":{\"price\":1,\"price\":2}}", "nul", "\"text\""})
    void answersMalformedOrNonObjectJsonWith400(String body) {
        HttpResponse response = test.post(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).path("type").asText()).startsWith("urn:product-upload:problem:");
    }

    @Test
    void answersAnEmptyBodyWith400() {
        assertProblem(test.post(""), 400, "malformed-json");
    }

    @Test
    void answersAFileOverTheLimitWith413() {
        TestApi small = new TestApi(new ApiSettings(10));

        HttpResponse response = small.post("{\"fileName\":\"a.bin\",\"fileData\":\"%s\",\"productData\":{\"productName\":\"A\",\"price\":1}}"
                .formatted(base64("eleven bytes")));

        assertProblem(response, 413, "payload-too-large");
        assertThat(small.files.versionCount()).isZero();
    }

    @Test
    void answersABodyOverTheLimitWith413() {
        TestApi small = new TestApi(new ApiSettings(10));
        String description = "d".repeat(small.api.settings().maxBodyBytes());

        HttpResponse response = small.post("{\"productData\":{\"description\":\"" + description + "\"}}");

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() {
        TestApi small = new TestApi(new ApiSettings(10));

        HttpResponse response = small.post("{\"fileName\":\"a.bin\",\"fileData\":\"%s\",\"productData\":{\"productName\":\"A\",\"price\":1}}"
                .formatted(base64("ten bytes!")));

        assertThat(response.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"})
    void answersAnotherMediaTypeWith415(String contentType) {
        HttpResponse response = test.api.handle(TestApi.request("POST", "/upload", Map.of("Content-Type", contentType), "{}"));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void acceptsJsonWithACharsetParameterInAnyCase() {
        HttpResponse response = test.api.handle(TestApi.request("POST", "/upload",
                Map.of("content-type", "Application/JSON; charset=UTF-8"),
                "{\"productData\":{\"productName\":\"A\",\"price\":1}}"));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void answersAMissingContentTypeWith415() {
        assertProblem(test.api.handle(TestApi.request("POST", "/upload", Map.of(), "{}")), 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"})
    void answersOtherMethodsWith405AndAllowPost(String method) {
        HttpResponse response = test.api.handle(TestApi.request(method, "/upload", Map.of(), null));

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers()).containsEntry("Allow", "POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/product", "/upload/x", "/uploads"})
    void answersUnknownPathsWith404(String path) {
        assertProblem(test.api.handle(TestApi.request("POST", path, Map.of("Content-Type", "application/json"), "{}")),
                404, "not-found");
    }

    @Test
    void namesEachMissingAndUnknownFieldOfAStagedUploadAnnouncement() {
        // when
        HttpResponse response = test.api.handle(TestApi.request("POST", "/products/sku-1/uploads",
                Map.of("Content-Type", "application/json"),
                "{\"fileName\":\"a.pdf\",\"checksum\":{\"algorithm\":\"CRC32C\"},\"colour\":\"red\"}"));

        // then
        assertProblem(response, 400, "invalid-request");
        JsonNode errors = json(response).path("errors");
        java.util.Map<String, String> byField = new java.util.HashMap<>();
        errors.forEach(error -> byField.put(error.path("field").asText(), error.path("message").asText()));
        assertThat(byField).containsEntry("size", "is required").containsEntry("checksum.value", "is required")
                .containsEntry("colour", "is not a known field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "\"10\"", "true", "99999999999999999999999", "{}"})
    void namesAStagedUploadSizeOfTheWrongKindForWhatItIsNotAsMissing(String size) {
        HttpResponse response = test.api.handle(TestApi.request("POST", "/products/sku-1/uploads",
                Map.of("Content-Type", "application/json"),
                "{\"fileName\":\"a.pdf\",\"size\":" + size + ",\"checksum\":{\"algorithm\":\"CRC32C\",\"value\":\"AAAAAA==\"}}"));

        assertProblem(response, 400, "invalid-request");
        JsonNode errors = json(response).path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("size");
        assertThat(errors.get(0).path("message").asText()).isNotEqualTo("is required");
    }

    @Test
    void answersAnUnknownProductWith404() {
        HttpResponse response = test.post("{\"fileName\":\"a.txt\",\"fileData\":\"%s\",\"productData\":{\"productId\":\"nope\"}}"
                .formatted(base64("x")));

        assertProblem(response, 404, "product-not-found");
        assertThat(test.files.versionCount()).isZero();
    }

    @Test
    void answersAStaleExpectedVersionWith409NamingTheCurrentVersion() {
        test.post("{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"A\",\"price\":1}}");
        test.post("{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"B\"}}");

        HttpResponse response = test.post("{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"C\",\"expectedVersion\":1}}");

        assertProblem(response, 409, "version-conflict");
        assertThat(TestApi.json(response.bodyText()).path("currentVersion").asLong()).isEqualTo(2);
    }

    @Test
    void answersAFailingBackendWith503AndLeavesNoFile() {
        ProductRepository down = new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return Optional.empty();
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                return Optional.empty();
            }

            @Override
            public java.util.List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                return java.util.List.of();
            }

            @Override
            public void saveNewVersion(Product product) {
                throw new BackendUnavailableException("product repository", new RuntimeException("connection refused"));
            }
        };
        TestApi failing = new TestApi(ApiSettings.defaults(), down, null);

        HttpResponse response = failing.post("{\"fileName\":\"a.txt\",\"fileData\":\"%s\",\"productData\":{\"productName\":\"A\",\"price\":1}}"
                .formatted(base64("x")));

        assertProblem(response, 503, "backend-unavailable");
        assertThat(response.bodyText()).doesNotContain("connection refused");
        assertThat(failing.files.versionCount()).isZero();
    }

    @Test
    void answersAnUnexpectedFailureWith500AndNoInternalDetail() {
        ProductRepository broken = new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                throw new IllegalStateException("secret internal state at com.example.Internal");
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                throw new IllegalStateException("secret internal state at com.example.Internal");
            }

            @Override
            public java.util.List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                throw new IllegalStateException("secret internal state at com.example.Internal");
            }

            @Override
            public void saveNewVersion(Product product) {
            }
        };
        TestApi failing = new TestApi(ApiSettings.defaults(), broken, null);

        HttpResponse response = failing.post("{\"productData\":{\"productId\":\"p\",\"productName\":\"A\",\"price\":1}}");

        assertProblem(response, 500, "internal-error");
        assertThat(response.bodyText()).doesNotContain("secret", "IllegalStateException", "com.example");
        assertThat(failing.logLines()).singleElement().satisfies(line -> {
            assertThat(json(line).path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(line).doesNotContain("secret internal state");
        });
    }

    @Test
    void logsOneLinePerRequestWithoutBodyFileOrHeaders() {
        // given
        String secretFile = base64("TOP-SECRET-FILE-CONTENT");
        HttpRequest request = TestApi.request("POST", "/upload",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer SECRET-TOKEN"),
                "{\"fileName\":\"a.txt\",\"fileData\":\"" + secretFile
                        + "\",\"productData\":{\"productName\":\"Secret Name\",\"price\":1,\"description\":\"private words\"}}");

        // when
        HttpResponse response = test.api.handle(request);

        // then
        assertThat(test.logLines()).hasSize(1);
        String line = test.logLines().get(0);
        JsonNode entry = json(line);
        assertThat(entry.path("requestId").asText()).isEqualTo(request.requestId());
        assertThat(entry.path("status").asInt()).isEqualTo(201);
        assertThat(entry.path("latencyMs").isNumber()).isTrue();
        assertThat(entry.path("requestBytes").asLong()).isEqualTo(request.body().length);
        assertThat(entry.path("responseBytes").asLong()).isEqualTo(response.body().length);
        assertThat(entry.path("fileBytes").asLong()).isEqualTo(23);
        assertThat(line).doesNotContain(secretFile, "TOP-SECRET", "SECRET-TOKEN", "Secret Name", "private words", "a.txt");
    }
}
