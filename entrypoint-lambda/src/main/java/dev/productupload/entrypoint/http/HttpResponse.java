package dev.productupload.entrypoint.http;

import java.nio.charset.StandardCharsets;
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

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
