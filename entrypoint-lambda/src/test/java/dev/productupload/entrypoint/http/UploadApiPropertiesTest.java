package dev.productupload.entrypoint.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is never a server error, and a refused request stores nothing. */
class UploadApiPropertiesTest {

    private static final TestApi TEST = new TestApi(new ApiSettings(64 * 1024));

    private static void assertNoServerErrorAndNothingStoredWhenRefused(HttpResponse response, int filesBefore,
                                                                       int versionsBefore) {
        assertThat(response.status()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(TEST.files.versionCount()).isEqualTo(filesBefore);
            assertThat(TEST.products.versionCount()).isEqualTo(versionsBefore);
            assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        }
    }

    @Property(tries = 400)
    void arbitraryBytesNeverCauseAServerError(@ForAll byte[] body) {
        int files = TEST.files.versionCount();
        int versions = TEST.products.versionCount();

        HttpResponse response = TEST.api.handle(new HttpRequest("POST", "/upload",
                Map.of("Content-Type", "application/json"), body, "r"));

        assertNoServerErrorAndNothingStoredWhenRefused(response, files, versions);
    }

    @Property(tries = 1000)
    void arbitraryJsonRequestsNeverCauseAServerError(@ForAll("requests") String body) {
        int files = TEST.files.versionCount();
        int versions = TEST.products.versionCount();

        HttpResponse response = TEST.post(body);

        assertNoServerErrorAndNothingStoredWhenRefused(response, files, versions);
        Statistics.collect(response.status());
        // The generator must reach both sides, or the property proves little.
        Statistics.coverage(coverage -> {
            coverage.check(201).count(count -> count > 0);
            coverage.check(400).count(count -> count > 0);
        });
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> anyValue = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(UploadApiPropertiesTest::quote),
                Arbitraries.of("null", "true", "false", "[]", "{}", "0", "-1", "1e309", "1E-400", "0.001",
                        "999999999999999999999999", "1.005", "12.5", "1e2", "-0", "9007199254740993", "\"\"",
                        "\" \"", "\"..\"", "\"a/b\"", "\"\\u0000\"", "\"USD\"", "\"XXX\"", "\"text/plain\"",
                        "[\"a\"]", "{\"k\":\"v\"}", "{\"k\":1}", "\"sku-1\""),
                Arbitraries.bigDecimals().ofScale(3).map(Object::toString));
        Arbitrary<String> fileData = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                        .map(bytes -> quote(Base64.getEncoder().encodeToString(bytes))),
                anyValue);
        Arbitrary<String> productField = Combinators.combine(
                Arbitraries.of("productId", "productName", "price", "currency", "description", "attributes",
                        "expectedVersion", "unknown"), anyValue).as((name, value) -> quote(name) + ":" + value);
        Arbitrary<String> productData = productField.list().ofMaxSize(6)
                .map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> topField = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("fileName", "contentType", "productData", "extra"), anyValue)
                        .as((name, value) -> quote(name) + ":" + value),
                fileData.map(value -> "\"fileData\":" + value),
                productData.map(value -> "\"productData\":" + value),
                Arbitraries.of("\"productData\":{\"productId\":\"sku-1\",\"productName\":\"A\",\"price\":1}",
                        "\"fileName\":\"a.txt\""));
        return topField.list().ofMaxSize(5).map(fields -> "{" + String.join(",", fields) + "}");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Property(tries = 200)
    void validUploadsOfArbitraryBytesStoreExactlyThoseBytes(@ForAll @Size(min = 1, max = 4096) byte[] content) {
        String body = "{\"fileName\":\"f.bin\",\"fileData\":\"" + Base64.getEncoder().encodeToString(content)
                + "\",\"productData\":{\"productName\":\"P\",\"price\":1}}";

        HttpResponse response = TEST.post(body);

        assertThat(response.status()).isEqualTo(201);
        var file = TestApi.json(response).path("file");
        assertThat(TEST.files.read(file.path("key").asText(), file.path("versionId").asText()))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(content));
    }
}
