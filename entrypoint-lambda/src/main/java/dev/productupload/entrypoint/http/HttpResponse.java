package dev.productupload.entrypoint.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response produced by the pipeline; servers copy it out as it is. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
