package dev.productupload.entrypoint.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as the pipeline sees it, whichever server received it. Header names are case-insensitive.
 * {@code path} is the path as received (still percent-encoded); {@code pathParameters} and {@code query} hold
 * decoded values: the route table fills the first, the server the second. {@code caller} is who signed the
 * request, where the server knows (the IAM principal behind API Gateway); null where it does not (the local server).
 */
public record HttpRequest(String method, String path, Map<String, String> headers, byte[] body, String requestId,
                          Map<String, String> pathParameters, Map<String, List<String>> query, String caller) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestId, "requestId");
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    caseInsensitive.put(name, value);
                }
            });
        }
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    /** A request without path parameters or query. */
    public HttpRequest(String method, String path, Map<String, String> headers, byte[] body, String requestId) {
        this(method, path, headers, body, requestId, Map.of(), Map.of());
    }

    /** A request of an unknown caller. */
    public HttpRequest(String method, String path, Map<String, String> headers, byte[] body, String requestId,
                       Map<String, String> pathParameters, Map<String, List<String>> query) {
        this(method, path, headers, body, requestId, pathParameters, query, null);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The decoded value of a path parameter of the matched route, or null. */
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** The first decoded value of a query parameter, or null when it is absent. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** This request with the path parameters its route found in the path. */
    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(method, path, headers, body, requestId, parameters, query, caller);
    }
}
