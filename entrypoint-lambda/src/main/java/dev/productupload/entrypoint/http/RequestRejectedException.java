package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.Violation;

import java.time.Duration;
import java.util.List;

/**
 * The request breaks the HTTP contract (route, method, media type, size, JSON, a parameter's form) before or
 * beside the use case; it carries the problem it is answered with.
 */
public final class RequestRejectedException extends RuntimeException {

    private final Problem problem;
    private final List<Violation> violations;
    private final List<String> allowedMethods;
    private final Duration retryAfter;

    public RequestRejectedException(Problem problem, String detail) {
        this(problem, detail, List.of());
    }

    public RequestRejectedException(Problem problem, String detail, List<Violation> violations) {
        this(problem, detail, violations, List.of());
    }

    private RequestRejectedException(Problem problem, String detail, List<Violation> violations,
                                     List<String> allowedMethods) {
        this(problem, detail, violations, allowedMethods, null);
    }

    private RequestRejectedException(Problem problem, String detail, List<Violation> violations,
                                     List<String> allowedMethods, Duration retryAfter) {
        super(detail, null, false, false);
        this.problem = problem;
        this.violations = List.copyOf(violations);
        this.allowedMethods = List.copyOf(allowedMethods);
        this.retryAfter = retryAfter;
    }

    /** A request with the same key still runs: answered with a {@code Retry-After} of {@code retryAfter}. */
    public static RequestRejectedException requestInProgress(Duration retryAfter) {
        return new RequestRejectedException(Problem.REQUEST_IN_PROGRESS, "a request with this Idempotency-Key is "
                + "still running; send it again after the time in Retry-After to get its answer", List.of(),
                List.of(), retryAfter);
    }

    /** The path exists, but not for this method: answered with an {@code Allow} header listing {@code allowed}. */
    public static RequestRejectedException methodNotAllowed(String path, List<String> allowed) {
        return new RequestRejectedException(Problem.METHOD_NOT_ALLOWED,
                path + " accepts " + String.join(", ", allowed) + " only", List.of(), allowed);
    }

    public Problem problem() {
        return problem;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** For a 409 request-in-progress: how long the client should wait; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** For a 405: the methods the path accepts. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
