package dev.productupload.domain.port.in;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class UploadCommandValidationTest {

    private static List<Map.Entry<String, String>> violations(UploadCommand command) {
        List<Map.Entry<String, String>> violations = new ArrayList<>();
        UploadCommandChecks.check(command, "", (field, message) -> violations.add(Map.entry(field, message)));
        return violations;
    }

    private static Set<String> badFields(UploadCommand command) {
        return violations(command).stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static UploadCommand product(ProductData data) {
        return new UploadCommand(null, null, null, data);
    }

    private static ProductData named(String name) {
        return new ProductData(null, name, new BigDecimal("1.00"), null, null, null, null);
    }

    private static ProductData priced(String price) {
        return new ProductData(null, "Widget", new BigDecimal(price), null, null, null, null);
    }

    private static UploadCommand file(String fileName, String contentType) {
        return new UploadCommand(fileName, new byte[] {1}, contentType, ProductData.ofId("p-1"));
    }

    @Test
    void acceptsAFullValidCommand() {
        // given
        ProductData data = new ProductData("sku-1.A_b", "Widget", new BigDecimal("19.99"), "EUR", "A widget",
                Map.of("color", "red"), 3L);

        // when
        Set<String> bad = badFields(new UploadCommand("spec sheet.pdf", new byte[] {1, 2}, "application/pdf", data));

        // then
        assertThat(bad).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-abc", ".hidden", "has space", "a/b", "ü"})
    void rejectsMalformedProductIds(String productId) {
        assertThat(badFields(product(ProductData.ofId(productId)))).containsExactly("productData.productId");
    }

    @Test
    void rejectsProductIdsLongerThan128Characters() {
        assertThat(badFields(product(ProductData.ofId("a".repeat(128))))).isEmpty();
        assertThat(badFields(product(ProductData.ofId("a".repeat(129))))).containsExactly("productData.productId");
    }

    @Test
    void trimsProductNamesAndRejectsBlankOnes() {
        // when
        ProductData padded = named("  Widget  ");

        // then
        assertThat(padded.productName()).isEqualTo("Widget");
        assertThat(badFields(product(named("   ")))).containsExactly("productData.productName");
    }

    @Test
    void rejectsProductNamesOver200CharactersOrWithControlCharacters() {
        assertThat(badFields(product(named("x".repeat(200))))).isEmpty();
        assertThat(badFields(product(named("x".repeat(201))))).containsExactly("productData.productName");
        assertThat(badFields(product(named("bad\u0007name")))).containsExactly("productData.productName");
        assertThat(badFields(product(named("line\nbreak")))).containsExactly("productData.productName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "1.001", "1000000000.01", "1000000001", "1E+10"})
    void rejectsPricesOutOfRangeOrWithMoreThanTwoDecimals(String price) {
        assertThat(badFields(product(priced(price)))).containsExactly("productData.price");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.1", "19.99", "1000000000", "1000000000.00", "1E+2"})
    void acceptsPricesFromZeroToOneBillionWithTwoDecimals(String price) {
        assertThat(badFields(product(priced(price)))).isEmpty();
    }

    @Test
    void storesPricesWithANegativeScaleInPlainForm() {
        assertThat(priced("1E+2").price().toPlainString()).isEqualTo("100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "ABC", "EURO"})
    void rejectsUnknownCurrencies(String currency) {
        ProductData data = new ProductData(null, "Widget", BigDecimal.ONE, currency, null, null, null);
        assertThat(badFields(product(data))).containsExactly("productData.currency");
    }

    @Test
    void limitsDescriptionTo4000Characters() {
        ProductData ok = new ProductData(null, "W", BigDecimal.ONE, null, "d".repeat(4000), null, null);
        ProductData tooLong = new ProductData(null, "W", BigDecimal.ONE, null, "d".repeat(4001), null, null);
        assertThat(badFields(product(ok))).isEmpty();
        assertThat(badFields(product(tooLong))).containsExactly("productData.description");
    }

    @Test
    void limitsAttributesInCountKeyAndValueLength() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("one-more", "v");

        assertThat(badFields(product(attributes(fifty)))).isEmpty();
        assertThat(badFields(product(attributes(fiftyOne)))).containsExactly("productData.attributes");
        assertThat(badFields(product(attributes(Map.of("k".repeat(65), "v"))))).hasSize(1);
        assertThat(badFields(product(attributes(Map.of("", "v"))))).hasSize(1);
        assertThat(badFields(product(attributes(Map.of("k", "v".repeat(1025)))))).hasSize(1);
        assertThat(badFields(product(attributes(Map.of("k", "v".repeat(1024)))))).isEmpty();
    }

    private static ProductData attributes(Map<String, String> attributes) {
        return new ProductData(null, "W", BigDecimal.ONE, null, null, attributes, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "nul\u0000", "tab\tname"})
    void rejectsUnsafeFileNames(String fileName) {
        assertThat(badFields(file(fileName, null))).containsExactly("fileName");
    }

    @Test
    void limitsFileNamesTo255Characters() {
        assertThat(badFields(file("f".repeat(255), null))).isEmpty();
        assertThat(badFields(file("f".repeat(256), null))).containsExactly("fileName");
        assertThat(badFields(file("...x", null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/pdf", "image/svg+xml", "text/plain; charset=utf-8",
            "application/vnd.ms-excel", "multipart/mixed; boundary=\"a b\""})
    void acceptsMediaTypes(String contentType) {
        assertThat(badFields(file("a.bin", contentType))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "application/", "/pdf", "text/plain; charset", "a b/c", "text/plain\r\nX: y"})
    void rejectsMalformedMediaTypes(String contentType) {
        assertThat(badFields(file("a.bin", contentType))).containsExactly("contentType");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(badFields(new UploadCommand("a.txt", new byte[0], null, ProductData.ofId("p"))))
                .containsExactly("fileData");
    }

    private static List<String> messages(UploadCommand command) {
        return violations(command).stream().map(Map.Entry::getValue).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\udc00", "\ud800", "\u0080", "\u0085", "\u009f", "\u0000", "\u007f"})
    void rejectsUnpairedSurrogatesAndControlCharactersInEveryTextField(String hostile) {
        String text = "a" + hostile + "b";

        assertThat(badFields(product(named(text)))).containsExactly("productData.productName");
        assertThat(badFields(product(new ProductData(null, "W", BigDecimal.ONE, null, text, null, null))))
                .containsExactly("productData.description");
        assertThat(badFields(product(attributes(Map.of(text, "v"))))).hasSize(1);
        assertThat(badFields(product(attributes(Map.of("k", text))))).containsExactly("productData.attributes.k");
        assertThat(badFields(file(text + ".txt", null))).containsExactly("fileName");
        assertThat(badFields(file("a.txt", "text/plain; name=\"" + text + "\""))).containsExactly("contentType");
    }

    @Test
    void acceptsPairedSurrogatesEverywhereAndLineBreaksInLongerTexts() {
        String emoji = "Lamp \uD83D\uDCA1";
        ProductData data = new ProductData(null, emoji, BigDecimal.ONE, null, "two\r\nlines\tand a tab",
                Map.of(emoji, "one\nvalue"), null);

        assertThat(badFields(new UploadCommand(emoji + ".txt", new byte[] {1}, null, data))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=\"\u00e9\"", "text/plain; title=\"caf\u00e9\"", "text/plain; a=\"\\\u00e9\""})
    void rejectsMediaTypesBeyondUsAscii(String contentType) {
        assertThat(badFields(file("a.bin", contentType))).containsExactly("contentType");
    }

    @Test
    void acceptsQuotedPairsInMediaTypeParameters() {
        assertThat(badFields(file("a.bin", "text/plain; title=\"a \\\"quoted\\\" word\""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+10", "1E+999999999", "-1E+999999999", "12345678901.5"})
    void refusesAnAmountOutOfRangeInTheRangesWordsWithoutExpandingIt(String price) {
        UploadCommand command = product(priced(price));

        assertThat(badFields(command)).containsExactly("productData.price");
        assertThat(messages(command)).containsExactly(price.startsWith("-") ? "must be 0 or more" : "must be at most 1000000000");
    }

    @Test
    void rejectsANonPositiveExpectedVersion() {
        ProductData data = new ProductData("p", "W", null, null, null, null, 0L);
        assertThat(badFields(product(data))).containsExactly("productData.expectedVersion");
    }
}
