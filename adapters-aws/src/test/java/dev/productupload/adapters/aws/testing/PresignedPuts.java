package dev.productupload.adapters.aws.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Sends a presigned PUT to s3proxy as a browser or an S3 client would. s3proxy closes a connection whose request it
 * refused before reading the body, and that close can reset the connection before the refusal is read. A refusal is
 * the same on every attempt, so a request that lost its connection is sent again, on a new one, up to five times;
 * the tests assert what was stored separately.
 */
public final class PresignedPuts {

    private static final int ATTEMPTS = 5;

    private PresignedPuts() {
    }

    public static HttpResponse<String> send(URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        for (int attempt = 1; ; attempt++) {
            try {
                return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException lostConnection) {
                if (attempt == ATTEMPTS) {
                    throw lostConnection;
                }
            }
        }
    }
}
