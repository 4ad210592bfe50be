package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    private final TestApi test = new TestApi();

    private JsonNode lastLine() {
        return TestApi.json(test.logLines().get(test.logLines().size() - 1));
    }

    @Test
    void logsAHugePathByItsStartAndItsLength() {
        // given
        String path = "/" + "a".repeat(100_000);

        // when
        test.api.handle(TestApi.request("GET", path, Map.of(), null));

        // then
        JsonNode line = lastLine();
        assertThat(test.logLines().get(test.logLines().size() - 1).length()).isLessThan(1000);
        assertThat(line.path("path").asText()).hasSize(RequestLog.MAX_CLIENT_TEXT + 3).startsWith("/aaa").endsWith("...");
        assertThat(line.path("pathLength").asInt()).isEqualTo(path.length());
        assertThat(line.path("status").asInt()).isEqualTo(404);
    }

    @Test
    void logsAHugeProductIdOfThePathByItsStartAndItsLength() {
        String productId = "b".repeat(100_000);

        test.api.handle(TestApi.request("POST", "/products/" + productId + "/uploads",
                Map.of("Content-Type", "application/json"),
                "{\"fileName\":\"a.pdf\",\"size\":10,\"checksum\":{\"algorithm\":\"CRC32C\",\"value\":\"AAAAAA==\"}}"));

        JsonNode line = lastLine();
        assertThat(test.logLines().get(test.logLines().size() - 1).length()).isLessThan(1500);
        assertThat(line.path("status").asInt()).isEqualTo(400);
        assertThat(line.path("productId").asText()).hasSize(RequestLog.MAX_CLIENT_TEXT + 3).startsWith("bbb").endsWith("...");
        assertThat(line.path("productIdLength").asInt()).isEqualTo(productId.length());
    }

    @Test
    void logsAHugeMethodByItsStartAndItsLength() {
        String method = "X".repeat(5000);

        test.api.handle(TestApi.request(method, "/upload", Map.of(), null));

        JsonNode line = lastLine();
        assertThat(line.path("method").asText()).hasSize(RequestLog.MAX_CLIENT_TEXT + 3);
        assertThat(line.path("methodLength").asInt()).isEqualTo(5000);
    }

    @Test
    void logsAnOrdinaryPathAsItIs() {
        test.post("{}");

        JsonNode line = lastLine();
        assertThat(line.path("path").asText()).isEqualTo("/upload");
        assertThat(line.has("pathLength")).isFalse();
    }

    @Test
    void neverSplitsASurrogatePairWhereItCuts() {
        String path = "/" + "a".repeat(RequestLog.MAX_CLIENT_TEXT - 2) + "\uD83D\uDCA1" + "b".repeat(10);

        test.api.handle(TestApi.request("GET", path, Map.of(), null));

        String logged = lastLine().path("path").asText();
        assertThat(logged).endsWith("a...");
        assertThat(logged.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).isTrue();
    }
}
