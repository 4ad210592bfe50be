package dev.productupload.entrypoint.local;

import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that send their request a byte at a time hold a connection each, never the whole server. */
class LocalServerSlowClientsIT {

    private static final byte[] REQUEST_START = "POST /upload HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            .getBytes(StandardCharsets.US_ASCII);

    /** A client that sends the start of a request, then a header that never ends, one byte every 100 ms. */
    private static Socket drip(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Thread dripper = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; !socket.isClosed(); i++) {
                    out.write(i < REQUEST_START.length ? REQUEST_START[i] : 'a');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server or by the test
            }
        });
        dripper.setDaemon(true);
        dripper.start();
        return socket;
    }

    private static HttpResponse<String> upload(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/upload"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"productData\":{\"productName\":\"Lamp\",\"price\":1}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesAnUploadWhileFortyClientsDripTheirHeaders() throws Exception {
        // given
        List<Socket> slow = new ArrayList<>();
        try (LocalServer server = LocalServer.start(LocalServerOptions.parse(List.of("--port", "0")),
                new RequestLog(ApiJson.mapper(), line -> { }, Clock.systemUTC()))) {
            for (int i = 0; i < 40; i++) {
                slow.add(drip(server.port()));
            }
            Thread.sleep(500);

            // when
            HttpResponse<String> response = upload(server.port());

            // then
            assertThat(response.statusCode()).isEqualTo(201);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void closesAConnectionWhoseRequestIsNotCompleteInTime() throws Exception {
        // given: the JDK server's request time, set on the command line, is left as it is
        try (LocalServerProcess server = LocalServerProcess.start(List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-Dsun.net.httpserver.maxReqTime=1"));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(REQUEST_START);
            socket.getOutputStream().flush();

            // when
            InputStream in = socket.getInputStream();
            int read = in.read();

            // then: closed without a response
            assertThat(read).isEqualTo(-1);
            assertThat(upload(server.port()).statusCode()).isEqualTo(201);
        }
    }
}
