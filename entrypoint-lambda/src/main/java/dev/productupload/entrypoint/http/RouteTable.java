package dev.productupload.entrypoint.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Method and path template to endpoint, in one list that the Lambda handler and the local server share. The local
 * server matches the path it received; the Lambda handler looks up the resource API Gateway matched.
 */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RouteTable of(List<Route> routes) {
        Set<String> seen = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!seen.add(route.method() + " " + route.template().text())) {
                throw new IllegalArgumentException("route listed twice: " + route.method() + " " + route.template());
            }
        }
        return new RouteTable(routes);
    }

    /** This table with more routes after its own. */
    public RouteTable with(List<Route> more) {
        List<Route> all = new ArrayList<>(routes);
        all.addAll(more);
        return of(all);
    }

    public List<Route> routes() {
        return routes;
    }

    /** A route and the request with that route's path parameters. */
    public record Resolved(Route route, HttpRequest request) {
    }

    /**
     * The route for a received path (percent-encoded), the path parameters decoded once here.
     *
     * @throws RequestRejectedException 404 when no template matches, 405 with the allowed methods when only the
     *                                  method is wrong
     */
    public Resolved resolve(HttpRequest request) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.template().match(request.path());
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Resolved(route, request.withPathParameters(variables.get()));
            }
            allowed.add(route.method());
        }
        throw rejection(request, allowed);
    }

    /**
     * The route for a template the gateway already matched, with the decoded path parameters it gave.
     *
     * @throws RequestRejectedException as {@link #resolve}
     */
    public Resolved resolveTemplate(HttpRequest request, String template, Map<String, String> pathParameters) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.template().text().equals(template)) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Resolved(route, request.withPathParameters(pathParameters));
            }
            allowed.add(route.method());
        }
        throw rejection(request, allowed);
    }

    private static RequestRejectedException rejection(HttpRequest request, Set<String> allowed) {
        if (allowed.isEmpty()) {
            return new RequestRejectedException(Problem.NOT_FOUND, "there is no resource at " + request.path()
                    + "; see /openapi.yaml for the API");
        }
        return RequestRejectedException.methodNotAllowed(request.path(), List.copyOf(allowed));
    }
}
