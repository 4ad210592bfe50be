package dev.productupload.entrypoint.http;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An HTTP request as the pipeline sees it, whichever server received it. Header names are case-insensitive. */
public record HttpRequest(String method, String path, Map<String, String> headers, byte[] body, String requestId) {

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
    }

    public String header(String name) {
        return headers.get(name);
    }
}
