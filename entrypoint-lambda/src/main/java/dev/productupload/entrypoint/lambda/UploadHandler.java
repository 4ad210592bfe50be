package dev.productupload.entrypoint.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.model.Deadline;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.UploadApi;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda handler for API Gateway REST proxy events: turns the event into an {@link HttpRequest}, runs the
 * shared pipeline, and writes the proxy response. The API Gateway request id is the request's id.
 */
public final class UploadHandler implements RequestStreamHandler, Resource {

    /** Kept back from the invocation's time for writing the response. */
    static final Duration RESPONSE_MARGIN = Duration.ofMillis(500);

    private final UploadApi api;
    private final Runnable primeClients;
    private final ObjectMapper json = ApiJson.mapper();

    /**
     * Called by the Lambda runtime, once per execution environment: wires the AWS adapters and registers the
     * SnapStart hook that primes them before the snapshot.
     */
    public UploadHandler() {
        this(LambdaComposition.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    UploadHandler(LambdaComposition.Wiring wiring) {
        this(wiring.api(), wiring.primeClients());
    }

    public UploadHandler(UploadApi api) {
        this(api, () -> { });
    }

    UploadHandler(UploadApi api, Runnable primeClients) {
        this.api = api;
        this.primeClients = primeClients;
    }

    /**
     * Before SnapStart takes the snapshot: one sample request through the whole pipeline, storing nothing, and
     * the clients' first calls, writing nothing, so restored environments start warm.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpResponse primed = api.prime();
        if (primed.status() != 201) {
            throw new IllegalStateException("priming failed with " + primed.status());
        }
        primeClients.run();
        System.out.println("{\"level\":\"INFO\",\"message\":\"primed before the snapshot\"}");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: credentials carry their expiry and are fetched again when due; a pooled
        // connection that the restore left dead is retried by the SDK on a new one.
        System.out.println("{\"level\":\"INFO\",\"message\":\"restored from the snapshot\"}");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpRequest request = toRequest(json.readTree(input), context);
        HttpResponse response = context == null ? api.handle(request) : api.handle(request, deadlineOf(context));
        ObjectNode proxyResponse = json.createObjectNode();
        proxyResponse.put("statusCode", response.status());
        ObjectNode headers = proxyResponse.putObject("headers");
        response.headers().forEach(headers::put);
        proxyResponse.put("body", response.bodyText());
        proxyResponse.put("isBase64Encoded", false);
        json.writeValue(output, proxyResponse);
    }

    /**
     * The invocation's deadline (the runtime API's {@code Lambda-Runtime-Deadline-Ms}, as the context's remaining
     * time), less the time it takes to write the response, so the answer leaves before Lambda ends the function.
     */
    static Deadline deadlineOf(Context context) {
        return Deadline.after(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESPONSE_MARGIN));
    }

    static HttpRequest toRequest(JsonNode event, Context context) {
        String body = text(event, "body");
        byte[] bodyBytes;
        if (body == null) {
            bodyBytes = new byte[0];
        } else if (event.path("isBase64Encoded").asBoolean(false)) {
            bodyBytes = Base64.getMimeDecoder().decode(body);
        } else {
            bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        JsonNode headerNode = event.get("headers");
        if (headerNode != null && headerNode.isObject()) {
            headerNode.fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        }
        // The resource is the API's own path; the path may carry a custom domain's base path (/v1/upload).
        return new HttpRequest(
                orDefault(text(event, "httpMethod"), "GET"),
                orDefault(text(event, "resource"), orDefault(text(event, "path"), "/")),
                headers,
                bodyBytes,
                requestId(event, context));
    }

    private static String requestId(JsonNode event, Context context) {
        String fromGateway = text(event.path("requestContext"), "requestId");
        if (fromGateway != null) {
            return fromGateway;
        }
        return context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
