package dev.productupload.domain.exception;

/** Base of every failure the domain reports; each subclass means one thing a client or operator can act on. */
public abstract class ProductUploadException extends RuntimeException {

    protected ProductUploadException(String message) {
        super(message);
    }

    protected ProductUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
