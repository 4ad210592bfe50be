package dev.productupload.domain.exception;

import java.util.List;

/** The request breaks one or more rules; {@link #violations()} names every bad field. */
public final class InvalidRequestException extends ProductUploadException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.size() + " invalid field(s)");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
