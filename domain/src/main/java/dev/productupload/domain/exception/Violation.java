package dev.productupload.domain.exception;

import java.util.Objects;

/** One bad field of a request: its dotted path (for example {@code productData.price}) and what is wrong with it. */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
