package dev.productupload.entrypoint.http;

/** Every kind of error response, with its HTTP status: the one place where a failure gets a status code. */
public enum Problem {
    MALFORMED_JSON(400, "malformed-json", "The body is not valid JSON"),
    INVALID_REQUEST(400, "invalid-request", "The request has invalid fields"),
    INVALID_CURSOR(400, "invalid-cursor", "The cursor was not issued for this list"),
    NOT_FOUND(404, "not-found", "No such resource"),
    PRODUCT_NOT_FOUND(404, "product-not-found", "Product not found"),
    VERSION_NOT_FOUND(404, "version-not-found", "Product version not found"),
    FILE_NOT_FOUND(404, "file-not-found", "File not found"),
    UPLOAD_NOT_FOUND(404, "upload-not-found", "Upload not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_IN_PROGRESS(409, "request-in-progress", "A request with this Idempotency-Key is still running"),
    VERSION_CONFLICT(409, "version-conflict", "The product was changed by another request"),
    FILE_LIMIT_EXCEEDED(409, "file-limit-exceeded", "The product has no room for another file"),
    UPLOAD_INCOMPLETE(409, "upload-incomplete", "The upload's file is not stored as announced"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The body must be application/json"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was used for another request"),
    BACKEND_UNAVAILABLE(503, "backend-unavailable", "Storage is unavailable; retry later"),
    OUTCOME_UNKNOWN(503, "outcome-unknown", "Storage did not confirm the change"),
    INSUFFICIENT_STORAGE(507, "insufficient-storage", "Storage is full"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    private static final String TYPE_PREFIX = "urn:product-upload:problem:";

    private final int status;
    private final String slug;
    private final String title;

    Problem(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String type() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }
}
