package dev.productupload.domain.exception;

/**
 * A store has no room left for what the request holds (a disk that is full, a store in memory at its cap); nothing
 * of the request was kept. Retrying helps only once room is made.
 */
public final class StorageFullException extends ProductUploadException {

    public StorageFullException(String backend, String what) {
        super(backend + " is full: " + what);
    }

    public StorageFullException(String backend, String what, Throwable cause) {
        super(backend + " is full: " + what, cause);
    }
}
