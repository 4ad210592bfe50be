package dev.productupload.entrypoint.http;

import java.util.Objects;

/**
 * One line of the route table: a method and a path template such as {@code /products/{productId}} (the form of
 * an API Gateway resource), the endpoint that answers it, and whether it takes a JSON body. {@code primingBody}
 * is the body {@link Priming} sends, where {@code {productId}} stands for a product that cannot exist.
 */
public record Route(String method, PathTemplate template, Endpoint endpoint, boolean takesJsonBody,
                    String primingBody) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Whether the route changes something: every method but GET, HEAD and OPTIONS. Writes take an Idempotency-Key. */
    public boolean isWrite() {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    public static Route get(String template, Endpoint endpoint) {
        return new Route("GET", PathTemplate.of(template), endpoint, false, null);
    }

    /** A POST whose body must be application/json within the body limit; primed with {@code primingBody}. */
    public static Route postJson(String template, Endpoint endpoint, String primingBody) {
        return new Route("POST", PathTemplate.of(template), endpoint, true, primingBody);
    }
}
