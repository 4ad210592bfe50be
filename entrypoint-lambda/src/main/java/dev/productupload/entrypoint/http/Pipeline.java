package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.model.Deadline;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What every request goes through, whichever server received it and whichever route it takes: the route table,
 * the media-type and size checks of routes with a JSON body, the Idempotency-Key of write routes, the endpoint,
 * failure to problem, one log line.
 */
public final class Pipeline {

    /** The time a request has on the local server, where no invocation deadline exists. */
    public static final Duration DEFAULT_REQUEST_BUDGET = Duration.ofSeconds(20);
    private static final String JSON = "application/json";

    private final RouteTable routes;
    private final ApiSettings settings;
    private final Problems problems;
    private final RequestLog log;
    private final IdempotentWrites idempotency;

    public Pipeline(RouteTable routes, ObjectMapper json, ApiSettings settings, RequestLog log,
                    IdempotentWrites idempotency) {
        this.routes = routes;
        this.settings = settings;
        this.problems = new Problems(new ResponseBodies(json));
        this.log = log;
        this.idempotency = idempotency;
    }

    public ApiSettings settings() {
        return settings;
    }

    public RouteTable routes() {
        return routes;
    }

    /** A deadline {@link #DEFAULT_REQUEST_BUDGET} from now. */
    public static Deadline defaultDeadline() {
        return Deadline.after(DEFAULT_REQUEST_BUDGET);
    }

    /** A request whose path is the one received, with {@link #DEFAULT_REQUEST_BUDGET} for its answer. */
    public HttpResponse handle(HttpRequest request) {
        return handle(request, defaultDeadline());
    }

    /**
     * A request whose path is the one received, still percent-encoded (the local server), that must have its answer
     * by {@code deadline}: every backend call is bounded by it.
     */
    public HttpResponse handle(HttpRequest request, Deadline deadline) {
        return deadline.bind(() -> run(request, routes::resolve, new RequestLog.Entry(), true));
    }

    /**
     * A request that API Gateway already matched to a resource template, with the path parameters it decoded
     * (the Lambda handler), that must have its answer by {@code deadline}.
     */
    public HttpResponse handle(HttpRequest request, String template, Map<String, String> pathParameters,
                               Deadline deadline) {
        return deadline.bind(() -> run(request, received -> routes.resolveTemplate(received, template, pathParameters),
                new RequestLog.Entry(), true));
    }

    /** What a priming request answered, and the failure behind a server error. */
    record Primed(HttpResponse response, RuntimeException failure) {
    }

    /** Runs {@code request} like {@link #handle(HttpRequest)} and formats its log line without writing it. */
    Primed prime(HttpRequest request) {
        RequestLog.Entry entry = new RequestLog.Entry();
        HttpResponse response = defaultDeadline().bind(() -> run(request, routes::resolve, entry, false));
        return new Primed(response, entry.failure instanceof RuntimeException failure ? failure : null);
    }

    private HttpResponse run(HttpRequest request, Function<HttpRequest, RouteTable.Resolved> resolver,
                             RequestLog.Entry entry, boolean writeLog) {
        long started = System.nanoTime();
        entry.requestId = request.requestId();
        entry.method = request.method();
        entry.path = request.path();
        entry.requestBytes = request.body().length;
        HttpResponse response;
        try {
            RouteTable.Resolved resolved = resolver.apply(request);
            Route route = resolved.route();
            if (route.template().carriesCredential()) {
                entry.path = route.template().text();
            }
            if (route.takesJsonBody()) {
                checkJsonBody(request, route);
            }
            response = route.isWrite()
                    ? idempotency.run(resolved.request(), route.template().text(), entry,
                            () -> answer(route, resolved.request(), entry))
                    : route.endpoint().handle(resolved.request(), entry);
        } catch (RuntimeException failure) {
            entry.failure = failure;
            response = problems.responseFor(failure, request.requestId(), entry);
        }
        // Every answer, a file's bytes above all, is read as the type it declares, never sniffed as another.
        response = response.withHeaderIfAbsent("X-Content-Type-Options", "nosniff");
        entry.status = response.status();
        entry.responseBytes = response.length();
        if (writeLog) {
            log.write(entry, System.nanoTime() - started);
        } else {
            log.format(entry, System.nanoTime() - started);
        }
        return response;
    }

    /** The endpoint's answer, or the problem it failed with. */
    private HttpResponse answer(Route route, HttpRequest request, RequestLog.Entry entry) {
        try {
            return route.endpoint().handle(request, entry);
        } catch (RuntimeException failure) {
            entry.failure = failure;
            return problems.responseFor(failure, request.requestId(), entry);
        }
    }

    private void checkJsonBody(HttpRequest request, Route route) {
        if (!isJson(request.header("Content-Type"))) {
            throw new RequestRejectedException(Problem.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as application/json with a Content-Type header that says so");
        }
        if (request.body().length > settings.maxBodyBytes()) {
            throw new RequestRejectedException(Problem.PAYLOAD_TOO_LARGE,
                    "the body is over the limit of " + settings.maxBodyBytes() + " bytes"
                            + (Api.UPLOAD.equals(route.template().text()) ? ". " + UploadRequestReader.STAGED_HINT : ""));
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return JSON.equals(mediaType.toLowerCase(Locale.ROOT));
    }
}
