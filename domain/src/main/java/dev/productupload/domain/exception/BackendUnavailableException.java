package dev.productupload.domain.exception;

/**
 * File storage or the product repository could not be reached or refused the work for now
 * (throttling, server errors after retries). The request may be retried later.
 */
public final class BackendUnavailableException extends ProductUploadException {

    public BackendUnavailableException(String backend, Throwable cause) {
        super(backend + " is unavailable", cause);
    }
}
