package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests written to hurt: each is refused in the words of the rule it breaks, and stores nothing. */
class HostileInputTest {

    private final TestApi test = new TestApi();

    private HttpResponse refused(String body) {
        HttpResponse response = test.post(body);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(test.files.versionCount()).isZero();
        assertThat(test.products.versionCount()).isZero();
        return response;
    }

    private static List<String> errors(HttpResponse response) {
        List<String> errors = new ArrayList<>();
        TestApi.json(response).path("errors")
                .forEach(error -> errors.add(error.path("field").asText() + ": " + error.path("message").asText()));
        return errors;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e999999999    | must be at most 1000000000",
            "1e100000000    | must be at most 1000000000",
            "10e2147483647  | must be at most 1000000000",
            "1e2147483648   | must be at most 1000000000",
            "1E+10          | must be at most 1000000000",
            "-1e999999999   | must be 0 or more",
            "1e-999999999   | must have at most 2 decimal places",
            "1e-2147483649  | must have at most 2 decimal places"})
    void refusesAPriceOfAnyExponentWithTheRangeMessage(String price, String message) {
        HttpResponse response = refused("{\"productData\":{\"productName\":\"Drill\",\"price\":" + price + "}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response)).containsExactly("productData.price: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e2147483648", "1e-2147483649", "huge", "-huge"})
    void refusesAnExpectedVersionOfAnySizeNamingIt(String literal) {
        String version = literal.replace("huge", "1" + "0".repeat(400));
        HttpResponse response = refused("{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"Drill\","
                + "\"expectedVersion\":" + version + "}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response)).singleElement().asString().startsWith("productData.expectedVersion: ");
    }

    @Test
    void readsAZeroWithAHugeExponentAsZero() {
        HttpResponse response = test.post("{\"productData\":{\"productName\":\"Free\",\"price\":0e2147483648}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(TestApi.json(response).path("product").path("price").decimalValue()).isZero();
    }

    @Test
    void readsASmallAmountWrittenWithALargeExponentExactly() {
        HttpResponse response = test.post("{\"productData\":{\"productName\":\"Lamp\",\"price\":"
                + "0." + "0".repeat(150) + "1250e152}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(TestApi.json(response).path("product").path("price").decimalValue()).isEqualByComparingTo("12.50");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", " \t\r\n "})
    void answersAWhitespaceOnlyBodyAsMalformedJson(String body) {
        HttpResponse response = refused(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(TestApi.json(response).path("type").asText()).isEqualTo(Problem.MALFORMED_JSON.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aGVsbG8", "aGVsbA", "aGVsbG8=="})
    void refusesFileDataWithoutItsPadding(String fileData) {
        HttpResponse response = refused("{\"fileName\":\"a.txt\",\"fileData\":\"" + fileData + "\","
                + "\"productData\":{\"productName\":\"Drill\",\"price\":1}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response)).containsExactly(
                "fileData: must be standard base64 (RFC 4648 section 4) with padding and without line breaks");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fileName                | \"a\\udc00.txt\"",
            "fileName                | \"a\\u0085.txt\"",
            "contentType             | \"text/plain; charset=\\\"\\u00e9\\\"\"",
            "productData.productName | \"Drill\\ud800\"",
            "productData.productName | \"Drill\\u009b\"",
            "productData.description | \"one\\udfff\"",
            "productData.description | \"one\\u0080two\""})
    void refusesUnpairedSurrogatesAndControlCharactersNamingTheField(String field, String value) {
        String body = "{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"contentType\":\"text/plain\","
                + "\"productData\":{\"productName\":\"Drill\",\"price\":1,\"description\":\"d\"}}";
        String name = field.substring(field.lastIndexOf('.') + 1);
        String hostile = body.replaceFirst("\"" + name + "\":\"[^\"]*\"",
                java.util.regex.Matcher.quoteReplacement("\"" + name + "\":" + value));

        HttpResponse response = refused(hostile);

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response)).singleElement().asString().startsWith(field + ": ");
    }

    /** Media types of about a million characters, as JSON string contents: long quoted text, escapes, parameters. */
    static List<String> hugeMediaTypes() {
        return List.of("a/b; c=\\\"" + "x".repeat(1_000_000) + "\\\"",
                "a/b; c=\\\"" + "\\\\x".repeat(500_000) + "\\\"",
                "a/b" + "; c=d".repeat(200_000));
    }

    @ParameterizedTest
    @MethodSource("hugeMediaTypes")
    void refusesAMediaTypeOfAMillionCharactersWithoutExhaustingTheStack(String contentType) {
        HttpResponse response = refused("{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"contentType\":\""
                + contentType + "\",\"productData\":{\"productId\":\"p-1\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(errors(response)).isNotEmpty().allSatisfy(error -> assertThat(error).startsWith("contentType: "));
    }

    @Test
    void listsAtMostAHundredErrorsAndCutsALongFieldName() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            attributes.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String key = "k".repeat(10_000) + "\\u0001";

        HttpResponse many = refused("{\"productData\":{\"productName\":\"X\",\"price\":1,\"attributes\":{" + attributes + "}}}");
        HttpResponse longKey = refused("{\"productData\":{\"productName\":\"X\",\"price\":1,\"attributes\":{\""
                + key + "\":\"v\"}}}");

        assertThat(many.status()).isEqualTo(400);
        assertThat(TestApi.json(many).path("errors")).hasSize(ResponseBodies.MAX_ERRORS);
        assertThat(TestApi.json(many).path("detail").asText()).startsWith("1001 field(s) break the rules");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(errors(longKey)).isNotEmpty().allSatisfy(error -> assertThat(error).startsWith("productData.attributes"));
        assertThat(TestApi.json(longKey).path("errors")).allSatisfy(error -> assertThat(error.path("field").asText())
                .hasSizeLessThanOrEqualTo(ResponseBodies.MAX_FIELD_LENGTH));
        assertThat(TestApi.json(longKey).path("errors").get(0).path("field").asText())
                .startsWith("productData.attributes.kkk").endsWith("\u2026").hasSize(ResponseBodies.MAX_FIELD_LENGTH);
    }

    @Test
    void cutsAFieldNameBeforeASurrogatePairRatherThanThroughIt() {
        String field = "a".repeat(254) + "\uD83D\uDCA1" + "b";

        assertThat(ResponseBodies.shortened(field)).isEqualTo("a".repeat(254) + "\u2026");
        assertThat(ResponseBodies.shortened("a".repeat(256))).isEqualTo("a".repeat(256));
        assertThat(ResponseBodies.shortened("a".repeat(257))).isEqualTo("a".repeat(255) + "\u2026");
    }

    @Test
    void refusesAnAttributeWhoseKeyOrValueHoldsAnUnpairedSurrogate() {
        HttpResponse key = refused("{\"productData\":{\"productName\":\"Drill\",\"price\":1,"
                + "\"attributes\":{\"volt\\udc00\":\"18V\"}}}");
        HttpResponse value = refused("{\"productData\":{\"productName\":\"Drill\",\"price\":1,"
                + "\"attributes\":{\"voltage\":\"18\\udc00\"}}}");

        assertThat(key.status()).isEqualTo(400);
        assertThat(errors(key)).singleElement().asString().startsWith("productData.attributes");
        assertThat(value.status()).isEqualTo(400);
        assertThat(errors(value)).singleElement().asString().startsWith("productData.attributes.voltage: ");
    }

    @Test
    void acceptsAFileNameInAnyScriptWithPairedSurrogates() {
        HttpResponse response = test.post("{\"fileName\":\"\u8aac\u660e\\uD83D\\uDCA1.txt\",\"fileData\":\"aGVsbG8=\","
                + "\"productData\":{\"productName\":\"Drill\",\"price\":1}}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode file = TestApi.json(response).path("file");
        assertThat(file.path("fileName").asText()).isEqualTo("\u8aac\u660e\uD83D\uDCA1.txt");
        assertThat(file.path("key").asText()).endsWith("/\u8aac\u660e\uD83D\uDCA1.txt");
    }
}
