package dev.productupload.entrypoint.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warms a pipeline before a snapshot: one request per route through the whole pipeline, about a product that
 * cannot exist, so every route's parsing, use case, store read and problem writing run and nothing is stored.
 */
public final class Priming {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private Priming() {
    }

    /**
     * @return the status each route answered, by {@code METHOD template}
     * @throws IllegalStateException when a route answered with a server error
     */
    public static Map<String, Integer> run(Pipeline pipeline) {
        String productId = "snapshot-priming-" + UUID.randomUUID();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Route route : pipeline.routes().routes()) {
            String path = fill(route.template().text(), productId);
            byte[] body = route.primingBody() == null ? null
                    : route.primingBody().replace("{productId}", productId).getBytes(StandardCharsets.UTF_8);
            Pipeline.Primed primed = pipeline.prime(new HttpRequest(route.method(), path,
                    Map.of("Content-Type", "application/json"), body, "snapshot-priming"));
            HttpResponse response = primed.response();
            String name = route.method() + " " + route.template().text();
            if (response.status() >= 500) {
                throw new IllegalStateException("priming " + name + " failed with " + response.status() + ": "
                        + response.bodyText(), primed.failure());
            }
            statuses.put(name, response.status());
        }
        return statuses;
    }

    /** The template with {@code productId} for a product and {@code 1} for every other variable. */
    private static String fill(String template, String productId) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(path, "productId".equals(variables.group(1)) ? productId : "1");
        }
        variables.appendTail(path);
        return path.toString();
    }
}
