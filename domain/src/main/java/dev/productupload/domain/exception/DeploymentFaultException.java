package dev.productupload.domain.exception;

/**
 * A backend refused the work for a reason that no retry fixes and only an operator can: missing or failing
 * credentials, access denied, a bucket or table that does not exist.
 */
public final class DeploymentFaultException extends ProductUploadException {

    public DeploymentFaultException(String backend, String what, Throwable cause) {
        super(backend + ": " + what, cause);
    }
}
