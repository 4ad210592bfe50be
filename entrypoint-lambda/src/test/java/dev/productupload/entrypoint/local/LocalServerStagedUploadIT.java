package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.MutableClock;
import dev.productupload.entrypoint.http.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged upload on the local server, in memory and on disk: create, the PUT to the server's own signed URL, complete,
 * and the download through the read API's file route; and every PUT the signature refuses.
 */
class LocalServerStagedUploadIT {

    private static final int SIZE = 20 * 1024 * 1024;
    private static final byte[] BYTES = new byte[SIZE];

    static {
        new Random(13).nextBytes(BYTES);
    }

    @TempDir
    Path dataDir;

    private final List<LocalServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(LocalServer::close);
    }

    private URI start(String backend, Clock clock) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        if ("disk".equals(backend)) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        LocalServer server = LocalServer.start(LocalServerOptions.parse(args),
                new RequestLog(ApiJson.mapper(), line -> { }, Clock.systemUTC()), clock);
        servers.add(server);
        return URI.create("http://localhost:" + server.port());
    }

    private static HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String announce(long size, Checksum checksum) {
        return "{\"fileName\":\"manual.pdf\",\"contentType\":\"application/pdf\",\"size\":" + size
                + ",\"checksum\":{\"algorithm\":\"" + checksum.algorithm() + "\",\"value\":\"" + checksum.value() + "\"}}";
    }

    private static JsonNode created(URI base, String productId, long size, Checksum checksum) throws Exception {
        HttpResponse<String> created = post(base, "/products/" + productId + "/uploads", announce(size, checksum));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiJson.mapper().readTree(created.body());
    }

    static HttpResponse<String> put(JsonNode ticket, Map<String, String> headers, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.path("url").asText())).PUT(body);
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> headersOf(JsonNode ticket) {
        Map<String, String> headers = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ticket.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), header.getValue().asText());
        }
        return headers;
    }

    private static String complete(JsonNode ticket) {
        return "/products/sku-1/uploads/" + ticket.path("uploadId").asText() + "/complete";
    }

    private static final String NEW_PRODUCT = "{\"productData\":{\"productName\":\"Drill\",\"price\":129.90}}";

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void takesA20MiBFileThatDownloadsByteIdenticalThroughTheFileRoute(String backend) throws Exception {
        // given
        URI base = start(backend, Clock.systemUTC());
        JsonNode ticket = created(base, "sku-1", SIZE, Checksum.crc32c(BYTES));

        // when
        HttpResponse<String> stored = put(ticket, headersOf(ticket), HttpRequest.BodyPublishers.ofByteArray(BYTES));
        HttpResponse<String> completed = post(base, complete(ticket), NEW_PRODUCT);

        // then
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        JsonNode file = ApiJson.mapper().readTree(completed.body()).path("file");
        assertThat(file.path("size").asLong()).isEqualTo(SIZE);
        assertThat(file.path("versionId").asText()).isEqualTo(stored.headers().firstValue("x-amz-version-id").orElseThrow());
        HttpResponse<byte[]> download = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(base.resolve("/products/sku-1/files/" + file.path("fileId").asText()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void refusesOtherBytesAnotherSizeAndAnotherTypeAndCompletionThenAnswers409(String backend) throws Exception {
        // given
        URI base = start(backend, Clock.systemUTC());
        JsonNode ticket = created(base, "sku-1", SIZE, Checksum.crc32c(BYTES));
        byte[] otherBytes = BYTES.clone();
        otherBytes[SIZE / 2] ^= 1;
        Map<String, String> otherType = new HashMap<>(headersOf(ticket));
        otherType.put("content-type", "text/html");

        // when
        HttpResponse<String> withOtherBytes = put(ticket, headersOf(ticket), HttpRequest.BodyPublishers.ofByteArray(otherBytes));
        HttpResponse<String> withOtherSize = put(ticket, headersOf(ticket),
                HttpRequest.BodyPublishers.ofByteArray(BYTES, 0, SIZE - 1));
        HttpResponse<String> withOtherType = put(ticket, otherType, HttpRequest.BodyPublishers.ofByteArray(BYTES));
        HttpResponse<String> completed = post(base, complete(ticket), NEW_PRODUCT);

        // then
        assertThat(withOtherBytes.statusCode()).isEqualTo(400);
        assertThat(withOtherBytes.body()).contains("<Code>BadDigest</Code>");
        assertThat(withOtherSize.statusCode()).isEqualTo(403);
        assertThat(withOtherSize.body()).contains("Content-Length");
        assertThat(withOtherType.statusCode()).isEqualTo(403);
        assertThat(withOtherType.body()).contains("Content-Type");
        assertThat(completed.statusCode()).isEqualTo(409);
        assertThat(completed.body()).contains("urn:product-upload:problem:upload-incomplete");
    }

    @Test
    void refusesAnExpiredUrlAndAnEditedOne() throws Exception {
        // given
        MutableClock clock = new MutableClock(Instant.now());
        URI base = start("memory", clock);
        byte[] small = {1, 2, 3};
        JsonNode ticket = created(base, "sku-1", small.length, Checksum.crc32c(small));
        String url = ticket.path("url").asText();
        JsonNode edited = ApiJson.mapper().createObjectNode().put("url", url.substring(0, url.length() - 2) + "AA");

        // when
        clock.advance(Duration.ofMinutes(15));
        HttpResponse<String> expired = put(ticket, headersOf(ticket), HttpRequest.BodyPublishers.ofByteArray(small));
        HttpResponse<String> forged = put(edited, headersOf(ticket), HttpRequest.BodyPublishers.ofByteArray(small));

        // then
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("Request has expired");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("SignatureDoesNotMatch");
    }
}
