package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed download link is a credential while it lasts: the request log names its route, never the link. */
class DownloadLinkLoggingTest {

    @Test
    void theLogOfADownloadNamesTheRouteAndNotTheSignedLink() throws Exception {
        // given
        List<String> lines = new CopyOnWriteArrayList<>();
        Pipeline pipeline = LocalComposition.wire(LocalServerOptions.parse(List.of()),
                new RequestLog(ApiJson.mapper(), lines::add, Clock.systemUTC()));
        HttpResponse uploaded = pipeline.handle(new HttpRequest("POST", "/upload", Map.of("Content-Type", "application/json"),
                ("{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"productData\":{\"productId\":\"sku-1\","
                        + "\"productName\":\"Drill\",\"price\":1}}").getBytes(StandardCharsets.UTF_8), "r-1"));
        String fileId = TestApi.json(uploaded.bodyText()).path("file").path("fileId").asText();
        String link = pipeline.handle(new HttpRequest("GET", "/products/sku-1/files/" + fileId, Map.of(), null, "r-2"))
                .headers().get("Location");

        // when
        HttpResponse download = pipeline.handle(new HttpRequest("GET", link, Map.of(), null, "r-3"));

        // then
        assertThat(download.status()).isEqualTo(200);
        java.io.ByteArrayOutputStream served = new java.io.ByteArrayOutputStream();
        download.streamed().writeTo(served);
        assertThat(served.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        String downloadLine = lines.stream().filter(line -> line.contains("\"requestId\":\"r-3\"")).findFirst().orElseThrow();
        JsonNode logged = TestApi.json(downloadLine);
        assertThat(logged.path("path").asText()).isEqualTo("/downloads/{token}");
        assertThat(String.join("\n", lines)).doesNotContain(link.substring(link.lastIndexOf('/') + 1));
    }
}
