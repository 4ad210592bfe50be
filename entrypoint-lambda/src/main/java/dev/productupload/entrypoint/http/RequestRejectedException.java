package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.Violation;

import java.util.List;

/**
 * The request breaks the HTTP contract (route, method, media type, size, JSON, a parameter's form) before or
 * beside the use case; it carries the problem it is answered with.
 */
public final class RequestRejectedException extends RuntimeException {

    private final Problem problem;
    private final List<Violation> violations;
    private final List<String> allowedMethods;

    public RequestRejectedException(Problem problem, String detail) {
        this(problem, detail, List.of());
    }

    public RequestRejectedException(Problem problem, String detail, List<Violation> violations) {
        this(problem, detail, violations, List.of());
    }

    private RequestRejectedException(Problem problem, String detail, List<Violation> violations,
                                     List<String> allowedMethods) {
        super(detail, null, false, false);
        this.problem = problem;
        this.violations = List.copyOf(violations);
        this.allowedMethods = List.copyOf(allowedMethods);
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

    /** For a 405: the methods the path accepts. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
