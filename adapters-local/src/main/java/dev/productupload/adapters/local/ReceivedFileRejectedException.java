package dev.productupload.adapters.local;

/**
 * A local store refused the bytes of a staged PUT, as S3 would: {@code code} is S3's error code and
 * {@code status} its HTTP status. Nothing was stored.
 */
public final class ReceivedFileRejectedException extends RuntimeException {

    private final int status;
    private final String code;

    public ReceivedFileRejectedException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
