package dev.productupload.entrypoint.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.productupload.entrypoint.contract.client.ApiClient;
import dev.productupload.entrypoint.contract.client.ApiException;
import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.local.LocalServer;
import dev.productupload.entrypoint.local.LocalServerOptions;
import dev.productupload.entrypoint.local.LocalServerProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A local server for a contract test class, and the client generated from docs/openapi.yaml pointed at it. Every
 * exchange is held against the document: the status must be one the operation documents, the body must be of the
 * documented media type and conform to its schema, documented headers must be there and conform, and the generated
 * models must read the body without meeting a property they do not know.
 */
final class ContractServer implements BeforeAllCallback, AfterAllCallback {

    /** What a test calls on the generated API. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws ApiException;
    }

    /** A started server. */
    interface Running extends AutoCloseable {
        URI baseUri();

        @Override
        void close() throws Exception;
    }

    /** Starts a server. */
    @FunctionalInterface
    interface Starter {
        Running start() throws Exception;
    }

    private final Starter starter;
    private final OpenApiDocument document = OpenApiDocument.load();
    private final ObjectMapper models = strictModelMapper();
    private final AtomicReference<RecordingHttpClient.Exchange> last = new AtomicReference<>();
    private Running running;

    private ContractServer(Starter starter) {
        this.starter = starter;
    }

    /** The local server in this JVM with in-memory stores, started with the given command-line options. */
    static ContractServer inMemory(String... options) {
        return new ContractServer(() -> {
            List<String> arguments = new ArrayList<>(List.of("--port", "0"));
            arguments.addAll(List.of(options));
            LocalServer server = LocalServer.start(LocalServerOptions.parse(arguments),
                    new RequestLog(ApiJson.mapper(), line -> { }, Clock.systemUTC()));
            URI base = URI.create("http://localhost:" + server.port());
            return new Running() {
                @Override
                public URI baseUri() {
                    return base;
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        });
    }

    /** The packaged local server in a process of its own, with the given options and environment. */
    static ContractServer process(List<String> options, Map<String, String> environment) {
        return new ContractServer(() -> {
            LocalServerProcess server = LocalServerProcess.start(options, environment);
            URI base = URI.create("http://localhost:" + server.port());
            return new Running() {
                @Override
                public URI baseUri() {
                    return base;
                }

                @Override
                public void close() throws InterruptedException {
                    server.close();
                }
            };
        });
    }

    /** Runs something before the server starts and closes it after the server stops (a stub it talks to, say). */
    static ContractServer around(AutoCloseable before, ContractServer server) {
        return new ContractServer(() -> {
            Running inner = server.starter.start();
            return new Running() {
                @Override
                public URI baseUri() {
                    return inner.baseUri();
                }

                @Override
                public void close() throws Exception {
                    try {
                        inner.close();
                    } finally {
                        before.close();
                    }
                }
            };
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        running = starter.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (running != null) {
            running.close();
        }
    }

    /** A path on this server. */
    URI uri(String path) {
        return running.baseUri().resolve(path);
    }

    /** A generated-client configuration for this server, its responses recorded and read strictly. */
    ApiClient client() {
        return client(request -> { });
    }

    /**
     * The same, with each request changed before it is sent: what the generated client cannot be made to send
     * otherwise (another method, another media type, a body that is not JSON).
     */
    ApiClient client(Consumer<HttpRequest.Builder> change) {
        ApiClient client = new ApiClient(RecordingHttpClient.builder(last::set), models, running.baseUri().toString());
        client.setRequestInterceptor(change);
        return client;
    }

    /** Calls the operation, expects the status, checks the exchange against the document, and returns the response. */
    <T> ApiResponse<T> expect(String operationId, int status, Call<ApiResponse<T>> call) {
        last.set(null);
        ApiResponse<T> response;
        try {
            response = call.call();
        } catch (ApiException refused) {
            check(operationId, status);
            if (refused.getCode() == 0) {
                // The status and body were as documented, but the generated models could not read the body.
                throw new AssertionError("the generated models cannot read the " + status + " of " + operationId + ": "
                        + refused.getCause().getMessage(), refused);
            }
            throw new AssertionError("expected " + status + " from " + operationId + ", got " + refused.getCode()
                    + ": " + refused.getResponseBody(), refused);
        }
        check(operationId, status);
        assertThat(response.getStatusCode()).isEqualTo(status);
        return response;
    }

    /**
     * Calls the operation, expects it to be refused with the status, checks the exchange against the document, and
     * returns the problem read into the generated model.
     */
    Problem expectProblem(String operationId, int status, Call<?> call) {
        last.set(null);
        try {
            Object answer = call.call();
            check(operationId, status);
            throw new AssertionError("expected " + status + " from " + operationId + ", got " + answer);
        } catch (ApiException refused) {
            check(operationId, status);
            Problem problem = readModel(refused.getResponseBody(), Problem.class);
            assertThat(problem.getStatus()).as("status field of the problem").isEqualTo(status);
            return problem;
        }
    }

    /**
     * Calls the operation, expects an answer outside 2xx that is no problem (a 304, a 307), checks the exchange
     * against the document, and returns it as the generated client reports it: its headers, its empty body.
     */
    ApiException expectNoProblem(String operationId, int status, Call<?> call) {
        last.set(null);
        try {
            Object answer = call.call();
            check(operationId, status);
            throw new AssertionError("expected " + status + " from " + operationId + ", got " + answer);
        } catch (ApiException answered) {
            check(operationId, status);
            return answered;
        }
    }

    private void check(String operationId, int status) {
        RecordingHttpClient.Exchange exchange = last.get();
        if (exchange == null) {
            fail(operationId + " sent nothing (an error of the generated client before the request?)");
            return;
        }
        OpenApiDocument.Operation operation = document.operation(operationId);
        String seen = exchange.method() + " " + exchange.uri().getPath() + " answered " + exchange.status();
        String body = new String(exchange.body(), java.nio.charset.StandardCharsets.UTF_8);
        Optional<OpenApiDocument.Located> documented = operation.response(exchange.status());
        if (documented.isEmpty()) {
            fail(seen + ", which docs/openapi.yaml does not document for " + operationId + ": " + body);
        }
        assertThat(exchange.status()).as(seen + ": " + body).isEqualTo(status);
        assertThat(operation.gatewayOnlyStatuses()).as("%s, which the document says only the gateway gives", seen)
                .doesNotContain(status);
        checkHeaders(documented.get(), exchange, seen);
        JsonNode instance = checkBody(documented.get(), exchange, seen, body);
        ContractCoverage.answered(operationId, status, instance != null && instance.has("type")
                && mediaTypeOf(exchange).equals("application/problem+json") ? instance.path("type").asText() : null);
    }

    private void checkHeaders(OpenApiDocument.Located response, RecordingHttpClient.Exchange exchange, String seen) {
        String pointer = response.pointer() + "/headers";
        response.node().path("headers").fields().forEachRemaining(entry -> {
            OpenApiDocument.Located header = document.resolve(pointer + "/" + OpenApiDocument.escape(entry.getKey()),
                    entry.getValue());
            Optional<String> value = exchange.headers().firstValue(entry.getKey());
            if (header.node().path("required").asBoolean(false)) {
                assertThat(value).as("%s: header %s", seen, entry.getKey()).isPresent();
            }
            value.ifPresent(present -> assertThat(document.violations(header.pointer() + "/schema",
                    TextNode.valueOf(present))).as("%s: header %s: %s", seen, entry.getKey(), present).isEmpty());
        });
    }

    /** The body as JSON, when the document describes one. */
    private JsonNode checkBody(OpenApiDocument.Located response, RecordingHttpClient.Exchange exchange, String seen,
                               String body) {
        JsonNode content = response.node().path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(body).as("%s: a body the document does not describe", seen).isEmpty();
            return null;
        }
        String mediaType = mediaTypeOf(exchange);
        assertThat(content.has(mediaType)).as("%s with Content-Type '%s'; the document says %s", seen, mediaType,
                content.fieldNames()).isTrue();
        JsonNode instance;
        try {
            instance = ApiJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(seen + " with a body that is not JSON: " + body, e);
        }
        String schema = response.pointer() + "/content/" + OpenApiDocument.escape(mediaType) + "/schema";
        assertThat(document.violations(schema, instance)).as("%s: the body breaks its schema: %s", seen, body).isEmpty();
        return instance;
    }

    private static String mediaTypeOf(RecordingHttpClient.Exchange exchange) {
        return exchange.headers().firstValue("Content-Type").map(ContractServer::mediaType).orElse("");
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private <T> T readModel(String body, Class<T> model) {
        try {
            return models.readValue(body, model);
        } catch (IOException e) {
            throw new UncheckedIOException("the generated " + model.getSimpleName() + " cannot read " + body, e);
        }
    }

    /** The generated client's own mapper, except that a property its models do not know fails, and decimals stay exact. */
    private static ObjectMapper strictModelMapper() {
        return ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
