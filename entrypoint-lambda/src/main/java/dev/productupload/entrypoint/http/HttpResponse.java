package dev.productupload.entrypoint.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An HTTP response produced by the pipeline; servers copy it out as it is. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** An application/json response. */
    public static HttpResponse json(int status, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    /** This response with {@code name} set to {@code value} unless it already has that header. */
    public HttpResponse withHeaderIfAbsent(String name, String value) {
        if (headers.containsKey(name)) {
            return this;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new HttpResponse(status, all, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
