package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server on a free port, spoken to over HTTP. */
class LocalServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(LocalServerOptions.parse(List.of("--port", "0")),
                new RequestLog(ApiJson.mapper(), LOG::add, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder upload() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/upload"));
    }

    @Test
    void storesAProductWithAFileAndAnswers201() throws Exception {
        // when
        HttpResponse<String> response = send(upload().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"fileName":"manual.txt","fileData":"aGVsbG8=","contentType":"text/plain",
                         "productData":{"productName":"Lamp","price":24.50}}""")));

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = TestApi.json(response.body());
        assertThat(body.path("product").path("price").decimalValue()).isEqualByComparingTo("24.50");
        assertThat(body.path("file").path("size").asLong()).isEqualTo(5);
    }

    @Test
    void answersABadRequestWithProblemJson() throws Exception {
        HttpResponse<String> response = send(upload().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productData\":{\"price\":-1}}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestApi.json(response.body()).path("errors").get(0).path("field").asText())
                .isEqualTo("productData.price");
    }

    @Test
    void answersAGetWith405AndAllowPost() throws Exception {
        HttpResponse<String> response = send(upload().GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void answersAnOversizedBodyWith413() throws Exception {
        byte[] huge = new byte[dev.productupload.entrypoint.http.ApiSettings.defaults().maxBodyBytes() + 10];
        java.util.Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> response = send(upload().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void writesOneLogLinePerRequest() throws Exception {
        int before = LOG.size();

        send(upload().header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(LOG).hasSize(before + 1);
        assertThat(TestApi.json(LOG.get(before)).path("status").asInt()).isEqualTo(415);
    }
}
