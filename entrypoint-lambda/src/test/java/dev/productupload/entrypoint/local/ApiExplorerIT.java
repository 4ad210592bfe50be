package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The explorer in a real browser: headless Chromium (Debian's {@code chromium}) loads {@code /docs}, and its
 * "Try it out" sends {@code GET /products/{productId}} to the server. CI installs Chromium and fails this test
 * when it is missing; elsewhere a missing Chromium aborts it with the command that installs it.
 */
class ApiExplorerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Opens the product operation, presses "Try it out" and "Execute", and answers with the status shown. */
    private static final String TRY_GET_PRODUCT = """
            (async () => {
              const until = async (step, find) => {
                for (let i = 0; i < 200; i++) {
                  const found = find();
                  if (found) return found;
                  await new Promise(resolve => setTimeout(resolve, 100));
                }
                throw new Error('the page never showed ' + step);
              };
              const operation = await until('the operation', () => document.querySelector('#operations-products-getProduct'));
              if (!operation.classList.contains('is-open')) {
                operation.querySelector('button.opblock-summary-control').click();
              }
              (await until('Try it out', () => operation.querySelector('button.try-out__btn'))).click();
              const input = await until('the productId field',
                  () => operation.querySelector('tr[data-param-name="productId"] input'));
              if (input.value !== 'sku-1001') {
                Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, 'sku-1001');
                input.dispatchEvent(new Event('input', { bubbles: true }));
              }
              (await until('Execute', () => operation.querySelector('button.execute'))).click();
              const status = await until('the response', () => {
                const cell = operation.querySelector('.live-responses-table .response .response-col_status');
                return cell && cell.textContent.trim() ? cell : null;
              });
              const operations = [...document.querySelectorAll('.opblock')].map(block => block.id);
              return JSON.stringify({ status: status.textContent.trim(), operations });
            })()
            """;


    @TempDir
    Path profile;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private LocalServer server;
    private Process chromium;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start(LocalServerOptions.parse(List.of("--port", "0")),
                new RequestLog(ApiJson.mapper(), log::add, Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (chromium != null) {
            // Chromium's renderer, GPU and utility processes write into the profile too: every one of them has to
            // be gone before the profile directory is deleted.
            List<ProcessHandle> processes = new ArrayList<>(chromium.toHandle().descendants().toList());
            processes.add(chromium.toHandle());
            processes.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : processes) {
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    process.destroyForcibly();
                    process.onExit().join();
                }
            }
        }
        server.close();
    }

    private static Path chromiumBinary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String missing = "headless Chromium is needed for the explorer test: apt-get install -y chromium";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing);
        return null;
    }

    private String base() {
        return "http://localhost:" + server.port();
    }

    @Test
    void theExplorerLoadsInChromiumAndSendsARequestToTheServer() throws Exception {
        // given: a product to look at, and the browser on the explorer page
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/upload"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"productData\":{\"productId\":\"sku-1001\",\"productName\":\"Drill\",\"price\":129.90}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(201);
        chromium = new ProcessBuilder(chromiumBinary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", base() + "/docs")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();

        // when
        JsonNode result;
        try (DevTools page = DevTools.attach(devToolsPort())) {
            result = TestApi.json(page.evaluateOnceLoaded(TRY_GET_PRODUCT).asText());
        }

        // then: the page shows the server's answer, and the server saw the page's requests
        assertThat(result.path("status").asText()).as("the answer shown on the page: %s", result).startsWith("200");
        assertThat(result.path("operations").toString()).contains("operations-products-upload",
                "operations-products-getProduct", "operations-products-listProductVersions",
                "operations-products-getProductVersion", "operations-products-downloadFile");
        assertThat(log).anySatisfy(line -> assertRequest(line, "/openapi.yaml", 200));
        assertThat(log).anySatisfy(line -> assertRequest(line, "/docs/swagger-ui-bundle.js", 200));
        assertThat(log).anySatisfy(line -> assertRequest(line, "/products/sku-1001", 200));
    }

    private static void assertRequest(String line, String path, int status) {
        JsonNode entry = TestApi.json(line);
        assertThat(entry.path("method").asText()).isEqualTo("GET");
        assertThat(entry.path("path").asText()).isEqualTo(path);
        assertThat(entry.path("status").asInt()).isEqualTo(status);
    }

    /** The port Chromium's DevTools listen on, from the file it writes into its profile. */
    private int devToolsPort() throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!chromium.isAlive() || Instant.now().isAfter(giveUp)) {
                fail("Chromium did not open its DevTools port: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        return Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    }

    /** The Chrome DevTools Protocol over a WebSocket to the page: just enough to evaluate a script. */
    private static final class DevTools implements WebSocket.Listener, AutoCloseable {

        private final AtomicInteger ids = new AtomicInteger();
        private final ConcurrentHashMap<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
        private final StringBuilder message = new StringBuilder();
        private WebSocket socket;

        static DevTools attach(int port) throws Exception {
            Instant giveUp = Instant.now().plus(PATIENCE);
            while (true) {
                JsonNode targets = TestApi.json(HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if ("page".equals(target.path("type").asText()) && target.path("url").asText().endsWith("/docs")) {
                        DevTools devTools = new DevTools();
                        devTools.socket = HTTP.newWebSocketBuilder()
                                .buildAsync(URI.create(target.path("webSocketDebuggerUrl").asText()), devTools)
                                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                        return devTools;
                    }
                }
                if (Instant.now().isAfter(giveUp)) {
                    fail("Chromium has no page on /docs: " + targets);
                }
                Thread.sleep(100);
            }
        }

        /** The same, run again from the start while the page is still replacing its first document. */
        JsonNode evaluateOnceLoaded(String script) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    return evaluate(script);
                } catch (ContextReplaced replaced) {
                    if (attempt == 50) {
                        throw new AssertionError("the page kept replacing its document", replaced);
                    }
                    Thread.sleep(200);
                }
            }
        }

        /** The page's document went away under the script (the page was still loading). */
        private static final class ContextReplaced extends Exception {
            ContextReplaced(String message) {
                super(message);
            }
        }

        /** The value the script's promise resolves to; fails with the page's exception if it throws. */
        JsonNode evaluate(String script) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            answers.put(id, answer);
            ObjectNode call = ApiJson.mapper().createObjectNode().put("id", id).put("method", "Runtime.evaluate");
            call.putObject("params").put("expression", script).put("awaitPromise", true).put("returnByValue", true);
            socket.sendText(ApiJson.mapper().writeValueAsString(call), true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            JsonNode received = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (received.path("error").path("message").asText().contains("context was destroyed")) {
                throw new ContextReplaced(received.path("error").toString());
            }
            if (received.has("error")) {
                fail("DevTools refused the script: " + received.path("error"));
            }
            JsonNode result = received.path("result");
            if (result.has("exceptionDetails")) {
                fail("the script failed on the page: " + result.path("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonNode received = TestApi.json(message.toString());
                message.setLength(0);
                CompletableFuture<JsonNode> answer = answers.remove(received.path("id").asInt(-1));
                if (answer != null) {
                    answer.complete(received);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
