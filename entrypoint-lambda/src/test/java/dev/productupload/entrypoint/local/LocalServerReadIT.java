package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The read side of the contract over HTTP, on the local server with in-memory stores and with on-disk stores. */
class LocalServerReadIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HttpClient FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @TempDir
    Path dataDir;
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String backend) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        if (backend.equals("disk")) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        server = LocalServer.start(LocalServerOptions.parse(args),
                new RequestLog(ApiJson.mapper(), line -> { }, Clock.systemUTC()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode upload(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/upload"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return TestApi.json(response.body());
    }

    private static String problemType(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return TestApi.json(response.body()).path("type").asText().replace("urn:product-upload:problem:", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void readsBackWhatWasStoredWithEveryStatusOfTheContract(String backend) throws Exception {
        // given
        start(backend);
        JsonNode first = upload("{\"productData\":{\"productId\":\"sku-1001\",\"productName\":\"Drill\",\"price\":129.90}}");
        upload("{\"productData\":{\"productId\":\"sku-1001\",\"price\":119.90}}");

        // when / then: latest, conditional, one version, a page, errors
        HttpResponse<String> latest = get("/products/sku-1001");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(get("/products/sku-1001", "If-None-Match", "\"2\"").statusCode()).isEqualTo(304);
        assertThat(get("/products/sku-1001", "If-None-Match", "\"2\"").body()).isEmpty();

        HttpResponse<String> version1 = get("/products/sku-1001/versions/1");
        assertThat(version1.statusCode()).isEqualTo(200);
        assertThat(version1.body()).isEqualTo(ApiJson.mapper().writeValueAsString(first.path("product")));

        JsonNode page = TestApi.json(get("/products/sku-1001/versions?limit=1").body());
        assertThat(page.path("items").get(0).path("version").asLong()).isEqualTo(2);
        JsonNode last = TestApi.json(get("/products/sku-1001/versions?limit=1&cursor=" + page.path("nextCursor").asText()).body());
        assertThat(last.path("items").get(0).path("version").asLong()).isEqualTo(1);
        assertThat(last.has("nextCursor")).isFalse();

        assertThat(problemType(get("/products/nope"))).isEqualTo("product-not-found");
        assertThat(problemType(get("/products/bad%20id"))).isEqualTo("invalid-request");
        assertThat(problemType(get("/products/sku-1001/versions/3"))).isEqualTo("version-not-found");
        assertThat(problemType(get("/products/sku-1001/versions/x"))).isEqualTo("invalid-request");
        assertThat(problemType(get("/products/sku-1001/versions?limit=101"))).isEqualTo("invalid-request");
        assertThat(problemType(get("/products/sku-1001/versions?cursor=forged"))).isEqualTo("invalid-cursor");
        assertThat(problemType(get("/products/sku-1001/files/nope"))).isEqualTo("file-not-found");
        assertThat(problemType(get("/nothing/here"))).isEqualTo("not-found");
        HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(uri("/products/sku-1001"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void aDownloadRedirectServesTheExactBytesOfTheStoredVersion(String backend) throws Exception {
        // given
        start(backend);
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        JsonNode uploaded = upload("{\"fileName\":\"Datenblatt ü.bin\",\"contentType\":\"application/octet-stream\","
                + "\"fileData\":\"" + Base64.getEncoder().encodeToString(bytes) + "\","
                + "\"productData\":{\"productId\":\"sku-2\",\"productName\":\"Saw\",\"price\":10}}");
        JsonNode file = uploaded.path("file");

        // when
        HttpResponse<String> redirect = get("/products/sku-2/files/" + file.path("fileId").asText());
        HttpResponse<byte[]> download = FOLLOWING.send(HttpRequest.newBuilder(
                uri("/products/sku-2/files/" + file.path("fileId").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(Checksum.crc32c(download.body()).value()).isEqualTo(file.path("checksum").path("value").asText());
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Datenblatt _.bin\"; filename*=UTF-8''Datenblatt%20%C3%BC.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory"})
    void anEditedDownloadLinkNamesNoResource(String backend) throws Exception {
        // given
        start(backend);
        JsonNode uploaded = upload("{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\","
                + "\"productData\":{\"productId\":\"sku-3\",\"productName\":\"Saw\",\"price\":10}}");
        String location = get("/products/sku-3/files/" + uploaded.path("file").path("fileId").asText())
                .headers().firstValue("Location").orElseThrow();
        char last = location.charAt(location.length() - 1);

        // when
        HttpResponse<String> edited = get(location.substring(0, location.length() - 1) + (last == 'A' ? 'B' : 'A'));

        // then
        assertThat(edited.statusCode()).isEqualTo(404);
        assertThat(problemType(edited)).isEqualTo("not-found");
        assertThat(new String(FOLLOWING.send(HttpRequest.newBuilder(uri(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
