package dev.productupload.entrypoint.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.model.Deadline;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.Priming;
import dev.productupload.entrypoint.http.RootFieldBytes;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda handler for API Gateway REST proxy events: turns the event into an {@link HttpRequest}, runs the
 * shared pipeline on the resource template API Gateway matched, and writes the proxy response. The API Gateway
 * request id is the request's id.
 */
public final class UploadHandler implements RequestStreamHandler, Resource {

    /** Kept back from the invocation's time for writing the response. */
    static final Duration RESPONSE_MARGIN = Duration.ofMillis(500);

    private final Pipeline pipeline;
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
        this(wiring.pipeline(), wiring.primeClients());
    }

    public UploadHandler(Pipeline pipeline) {
        this(pipeline, () -> { });
    }

    UploadHandler(Pipeline pipeline, Runnable primeClients) {
        this.pipeline = pipeline;
        this.primeClients = primeClients;
    }

    /**
     * Before SnapStart takes the snapshot: one request per route through the whole pipeline, storing nothing, and
     * the clients' first calls, writing nothing, so restored environments start warm.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(pipeline);
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
        // The body, the largest field by far, goes from the event's bytes to the request's bytes without a String.
        RootFieldBytes.Read read = RootFieldBytes.read(json, input.readAllBytes(), "body", RootFieldBytes.Encoding.UTF_8,
                parser -> parser);
        JsonNode event = read.tree() == null ? MissingNode.getInstance() : read.tree();
        byte[] body = read.bytes();
        HttpRequest request = toRequest(event, body, context);
        String resource = text(event, "resource");
        Deadline deadline = context == null ? Deadline.after(Pipeline.DEFAULT_REQUEST_BUDGET) : deadlineOf(context);
        // The resource is the API's own template; the path may carry a custom domain's base path (/v1/upload).
        HttpResponse response = resource == null
                ? pipeline.handle(request, deadline)
                : pipeline.handle(request, resource, stringMap(event.get("pathParameters")), deadline);
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
        return toRequest(event, null, context);
    }

    /**
     * The request of {@code event}, whose {@code body} string the parser read as UTF-8 bytes ({@code bodyText}),
     * or, when it did not, as the event tree holds it.
     */
    static HttpRequest toRequest(JsonNode event, byte[] bodyText, Context context) {
        String body = bodyText != null ? null : text(event, "body");
        byte[] text = bodyText != null ? bodyText : body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        byte[] bodyBytes;
        if (text == null) {
            bodyBytes = new byte[0];
        } else if (event.path("isBase64Encoded").asBoolean(false)) {
            // The MIME decoder skips every byte outside the alphabet, so UTF-8 bytes decode as the String did.
            bodyBytes = Base64.getMimeDecoder().decode(text);
        } else {
            bodyBytes = text;
        }
        Map<String, String> headers = new HashMap<>();
        JsonNode headerNode = event.get("headers");
        if (headerNode != null && headerNode.isObject()) {
            headerNode.fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        }
        return new HttpRequest(
                orDefault(text(event, "httpMethod"), "GET"),
                orDefault(text(event, "path"), "/"),
                headers,
                bodyBytes,
                requestId(event, context),
                Map.of(),
                query(event),
                caller(event));
    }

    /**
     * The IAM principal that signed the request, as API Gateway puts it in the proxy event's
     * {@code requestContext.identity} (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html):
     * {@code userArn}, else {@code caller}; null for an unsigned request.
     */
    static String caller(JsonNode event) {
        JsonNode identity = event.path("requestContext").path("identity");
        String userArn = text(identity, "userArn");
        return userArn != null && !userArn.isBlank() ? userArn : text(identity, "caller");
    }

    /**
     * The query API Gateway decoded: every value of a repeated parameter from
     * {@code multiValueQueryStringParameters}, else the last one from {@code queryStringParameters}.
     */
    private static Map<String, List<String>> query(JsonNode event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        JsonNode multi = event.get("multiValueQueryStringParameters");
        if (multi != null && multi.isObject()) {
            multi.fields().forEachRemaining(parameter -> {
                List<String> values = new ArrayList<>();
                parameter.getValue().forEach(value -> values.add(value.asText()));
                query.put(parameter.getKey(), values);
            });
            return query;
        }
        stringMap(event.get("queryStringParameters")).forEach((name, value) -> query.put(name, List.of(value)));
        return query;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    map.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        return map;
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
