package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile numbers and strings in every field of a request that is otherwise valid: always 400 naming exactly
 * that field, never a server error, and nothing stored.
 */
class HostileInputPropertiesTest {

    private static final TestApi TEST = new TestApi(new ApiSettings(64 * 1024));

    /** Every field of the contract, as a JSON path, with the placeholder its value takes in {@link #BODY}. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("fileName", "FILE_NAME"),
            Map.entry("fileData", "FILE_DATA"),
            Map.entry("contentType", "CONTENT_TYPE"),
            Map.entry("productData.productId", "PRODUCT_ID"),
            Map.entry("productData.productName", "PRODUCT_NAME"),
            Map.entry("productData.price", "PRICE"),
            Map.entry("productData.currency", "CURRENCY"),
            Map.entry("productData.description", "DESCRIPTION"),
            Map.entry("productData.attributes key", "ATTRIBUTE_KEY"),
            Map.entry("productData.attributes.k", "ATTRIBUTE_VALUE"),
            Map.entry("productData.expectedVersion", "EXPECTED_VERSION"));

    private static final String BODY = "{\"fileName\":FILE_NAME,\"fileData\":FILE_DATA,\"contentType\":CONTENT_TYPE,"
            + "\"productData\":{\"productId\":PRODUCT_ID,\"productName\":PRODUCT_NAME,\"price\":PRICE,"
            + "\"currency\":CURRENCY,\"description\":DESCRIPTION,\"attributes\":{ATTRIBUTE_KEY:ATTRIBUTE_VALUE},"
            + "\"expectedVersion\":EXPECTED_VERSION}}";

    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("FILE_NAME", "\"manual.pdf\""),
            Map.entry("FILE_DATA", "\"aGVsbG8=\""),
            Map.entry("CONTENT_TYPE", "\"application/pdf\""),
            Map.entry("PRODUCT_ID", "\"sku-hostile\""),
            Map.entry("PRODUCT_NAME", "\"Drill\""),
            Map.entry("PRICE", "12.50"),
            Map.entry("CURRENCY", "\"EUR\""),
            Map.entry("DESCRIPTION", "\"A drill\""),
            Map.entry("ATTRIBUTE_KEY", "\"k\""),
            Map.entry("ATTRIBUTE_VALUE", "\"v\""),
            Map.entry("EXPECTED_VERSION", "null"));

    private static String bodyWith(String field, String json) {
        String body = BODY.replace(FIELDS.get(field), json);
        for (Map.Entry<String, String> valid : VALID.entrySet()) {
            body = body.replace(valid.getKey(), valid.getValue());
        }
        return body;
    }

    private static void assertRefusedNaming(String field, String body) {
        int files = TEST.files.versionCount();
        int versions = TEST.products.versionCount();

        HttpResponse response = TEST.post(body);

        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(TEST.files.versionCount()).isEqualTo(files);
        assertThat(TEST.products.versionCount()).isEqualTo(versions);
        List<String> named = new ArrayList<>();
        for (JsonNode error : TestApi.json(response).path("errors")) {
            named.add(error.path("field").asText());
        }
        String expected = field.endsWith(" key") ? field.substring(0, field.length() - 4) : field;
        assertThat(named).as(body).singleElement().asString().startsWith(expected);
    }

    @Property(tries = 300)
    void aNumberOfAnyExponentIsRefusedNamingItsField(@ForAll("numberFields") String field,
                                                     @ForAll("hostileNumbers") String number) {
        assertRefusedNaming(field, bodyWith(field, number));
    }

    @Property(tries = 300)
    void aHostileNumberInATextFieldIsRefusedNamingThatField(@ForAll("textValueFields") String field,
                                                            @ForAll("hostileNumbers") String number) {
        assertRefusedNaming(field, bodyWith(field, number));
    }

    @Property(tries = 500)
    void aTextWithAnUnpairedSurrogateOrControlCharacterIsRefusedNamingItsField(
            @ForAll("textFields") String field, @ForAll("hostileTexts") String text) {
        assertRefusedNaming(field, bodyWith(field, text));
    }

    @Provide
    Arbitrary<String> numberFields() {
        return Arbitraries.of("productData.price", "productData.expectedVersion");
    }

    @Provide
    Arbitrary<String> textFields() {
        return Arbitraries.of(FIELDS.keySet().stream()
                .filter(field -> !field.equals("productData.price") && !field.equals("productData.expectedVersion"))
                .toList());
    }

    @Provide
    Arbitrary<String> textValueFields() {
        return textFields().filter(field -> !field.endsWith(" key"));
    }

    /** Numbers far beyond any limit: huge or tiny exponents of either sign, or hundreds of digits. */
    @Provide
    Arbitrary<String> hostileNumbers() {
        Arbitrary<String> sign = Arbitraries.of("", "-");
        Arbitrary<String> mantissa = Combinators.combine(
                        Arbitraries.integers().between(1, 9).map(String::valueOf),
                        Arbitraries.strings().numeric().ofMaxLength(8),
                        Arbitraries.strings().numeric().ofMaxLength(8))
                .as((lead, more, fraction) -> lead + more + (fraction.isEmpty() ? "" : "." + fraction));
        Arbitrary<Long> exponentValue = Arbitraries.oneOf(
                Arbitraries.longs().between(150, 10_000_000_000L),
                Arbitraries.longs().between(-10_000_000_000L, -150),
                Arbitraries.of(999_999_999L, 2_147_483_647L, 2_147_483_648L, -2_147_483_648L, -2_147_483_649L));
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E", "e+"), exponentValue)
                .as((marker, value) -> (value < 0 ? marker.substring(0, 1) : marker) + value);
        Arbitrary<String> scientific = Combinators.combine(sign, mantissa, exponent).as((s, m, e) -> s + m + e);
        Arbitrary<String> longInteger = Combinators.combine(sign, Arbitraries.integers().between(1, 9),
                        Arbitraries.strings().numeric().ofMinLength(110).ofMaxLength(900))
                .as((s, lead, digits) -> s + lead + digits);
        return Arbitraries.oneOf(scientific, longInteger);
    }

    /** Text with at least one character no field accepts: an unpaired surrogate, a C0 or C1 control, DEL. */
    @Provide
    Arbitrary<String> hostileTexts() {
        Arbitrary<Character> hostile = Arbitraries.oneOf(
                Arbitraries.chars().range('\uD800', '\uDFFF'),
                Arbitraries.chars().range('\u0080', '\u009F'),
                Arbitraries.chars().range('\u0000', '\u0008'),
                Arbitraries.chars().range('\u000E', '\u001F'),
                Arbitraries.of('\u000B', '\u000C', '\u007F'));
        Arbitrary<String> around = Arbitraries.strings().alpha().numeric().ofMaxLength(6);
        return Combinators.combine(around, hostile, around)
                .as((before, c, after) -> escaped(before + c + after));
    }

    /** A JSON string literal with every character outside printable ASCII written as a \\u escape. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
