package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Translates SDK failures at the adapters' edge. Failing credentials, access denied and a missing bucket or
 * table are faults of the deployment (500, for an operator); what the SDK could not get through after its
 * retries (no connection, timeouts, throttling, 5xx) is "backend unavailable" (503, retry later).
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    public static RuntimeException translate(String backend, RuntimeException failure) {
        if (CredentialsFault.isIn(failure)) {
            return new DeploymentFaultException(backend, "credentials could not be obtained", failure);
        }
        if (failure instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return new BackendUnavailableException(backend, failure);
            }
            if (service.statusCode() == 403 || service.statusCode() == 404
                    || service.statusCode() == 400 && isDeploymentErrorCode(service)) {
                return new DeploymentFaultException(backend, "refused with " + service.statusCode() + " "
                        + errorCode(service), failure);
            }
            return failure;
        }
        if (failure instanceof SdkClientException) {
            return new BackendUnavailableException(backend, failure);
        }
        return failure;
    }

    private static boolean isDeploymentErrorCode(AwsServiceException service) {
        String code = errorCode(service);
        return "ResourceNotFoundException".equals(code) || "AccessDeniedException".equals(code)
                || "UnrecognizedClientException".equals(code) || "InvalidSignatureException".equals(code)
                || "MissingAuthenticationTokenException".equals(code);
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
    }
}
