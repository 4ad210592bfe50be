package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.InvalidCursorException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductFileNotFoundException;
import dev.productupload.domain.exception.ProductVersionNotFoundException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.exception.UploadIncompleteException;
import dev.productupload.domain.exception.UploadNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.Violation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only place where a failure becomes an HTTP status: exception type to problem, detail and headers. */
final class Problems {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final ResponseBodies bodies;

    Problems(ResponseBodies bodies) {
        this.bodies = bodies;
    }

    /** The problem+json response for {@code failure}, its slug noted in the log entry. */
    HttpResponse responseFor(RuntimeException failure, String requestId, RequestLog.Entry entry) {
        Problem problem = problemOf(failure);
        entry.problem = problem.slug();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        if (failure instanceof RequestRejectedException rejected) {
            if (!rejected.allowedMethods().isEmpty()) {
                headers.put("Allow", String.join(", ", rejected.allowedMethods()));
            }
            if (rejected.retryAfter() != null) {
                headers.put("Retry-After", Long.toString(wholeSeconds(rejected.retryAfter())));
            }
        }
        Long currentVersion = failure instanceof VersionConflictException conflict ? conflict.currentVersion() : null;
        byte[] body = bodies.problem(problem, detailOf(problem, failure), requestId, violationsOf(failure),
                currentVersion);
        return new HttpResponse(problem.status(), headers, body);
    }

    /** Retry-After takes whole seconds: rounded up, at least one. */
    private static long wholeSeconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    static Problem problemOf(RuntimeException failure) {
        if (failure instanceof RequestRejectedException rejected) {
            return rejected.problem();
        }
        if (failure instanceof InvalidRequestException) {
            return Problem.INVALID_REQUEST;
        }
        if (failure instanceof InvalidCursorException) {
            return Problem.INVALID_CURSOR;
        }
        if (failure instanceof ProductNotFoundException) {
            return Problem.PRODUCT_NOT_FOUND;
        }
        if (failure instanceof ProductVersionNotFoundException) {
            return Problem.VERSION_NOT_FOUND;
        }
        if (failure instanceof ProductFileNotFoundException) {
            return Problem.FILE_NOT_FOUND;
        }
        if (failure instanceof UploadNotFoundException) {
            return Problem.UPLOAD_NOT_FOUND;
        }
        if (failure instanceof UploadIncompleteException) {
            return Problem.UPLOAD_INCOMPLETE;
        }
        if (failure instanceof VersionConflictException) {
            return Problem.VERSION_CONFLICT;
        }
        if (failure instanceof FileLimitExceededException) {
            return Problem.FILE_LIMIT_EXCEEDED;
        }
        if (failure instanceof DeploymentFaultException) {
            return Problem.INTERNAL_ERROR;
        }
        if (failure instanceof StorageFullException) {
            return Problem.INSUFFICIENT_STORAGE;
        }
        if (failure instanceof BackendUnavailableException) {
            return Problem.BACKEND_UNAVAILABLE;
        }
        if (failure instanceof OutcomeUnknownException) {
            return Problem.OUTCOME_UNKNOWN;
        }
        if (failure instanceof DeploymentFaultException) {
            return Problem.INTERNAL_ERROR;
        }
        return Problem.INTERNAL_ERROR;
    }

    /** What the client reads: our own words for domain and contract failures, never an internal message. */
    private static String detailOf(Problem problem, RuntimeException failure) {
        switch (problem) {
            case INVALID_REQUEST:
                return failure instanceof InvalidRequestException invalid
                        ? invalid.violations().size() + " field(s) break the rules; see errors"
                        : failure.getMessage();
            case BACKEND_UNAVAILABLE:
                return "storage did not answer in time and the request was not stored; retry later";
            case OUTCOME_UNKNOWN:
                return "storage did not confirm the change, which may or may not be stored; read the product before "
                        + "you send it again";
            case INSUFFICIENT_STORAGE:
                return "storage has no room left and the request was not stored; retry once room is made";
            case INTERNAL_ERROR:
                return "the request failed on our side; quote the requestId when you report it";
            default:
                return failure.getMessage();
        }
    }

    private static List<Violation> violationsOf(RuntimeException failure) {
        if (failure instanceof RequestRejectedException rejected) {
            return rejected.violations();
        }
        if (failure instanceof InvalidRequestException invalid) {
            return invalid.violations();
        }
        return List.of();
    }
}
