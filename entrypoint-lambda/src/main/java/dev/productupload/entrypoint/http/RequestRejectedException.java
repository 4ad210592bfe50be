package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.Violation;

import java.util.List;

/** The request breaks the HTTP contract (method, media type, size, JSON) before it reaches the use case. */
public final class RequestRejectedException extends RuntimeException {

    private final Problem problem;
    private final List<Violation> violations;

    public RequestRejectedException(Problem problem, String detail) {
        this(problem, detail, List.of());
    }

    public RequestRejectedException(Problem problem, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.problem = problem;
        this.violations = List.copyOf(violations);
    }

    public Problem problem() {
        return problem;
    }

    public List<Violation> violations() {
        return violations;
    }
}
