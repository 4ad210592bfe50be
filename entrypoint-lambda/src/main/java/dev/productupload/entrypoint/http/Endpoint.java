package dev.productupload.entrypoint.http;

/**
 * What one route does. It reads its path parameters, query and body from the request, calls one use case and
 * answers; on failure it throws a domain exception or a {@link RequestRejectedException}, never builds a problem.
 */
@FunctionalInterface
public interface Endpoint {

    /**
     * @param request the request, with the path parameters of its route
     * @param log     the request's log line, for the product and version it concerns
     */
    HttpResponse handle(HttpRequest request, RequestLog.Entry log);
}
