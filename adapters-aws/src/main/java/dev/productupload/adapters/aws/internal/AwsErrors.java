package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/**
 * Translates SDK failures at the adapters' edge. Failing credentials, access denied, a wrong region or endpoint
 * and a missing bucket or table are faults of the deployment (500, for an operator); what the SDK could not get
 * through after its retries (no connection, timeouts, throttling, 5xx, and the 4xx S3 gives for a connection
 * that failed on the way) is "backend unavailable" (503, retry later).
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
            if (TRANSIENT_CODES.contains(errorCode(service))) {
                return new BackendUnavailableException(backend, failure);
            }
            if (service.statusCode() == 403 || service.statusCode() == 404 || service.statusCode() == 301
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

    /**
     * 4xx that S3 answers when the connection failed on the way or another operation was under way: sending the
     * same request again can succeed (docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). A checksum that
     * does not match (BadDigest) is not among them: the bytes and their checksum come from the same array.
     */
    private static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "IncompleteBody", "OperationAborted");

    /** 400s that only an operator can fix: credentials, or a region, endpoint or bucket name S3 does not take. */
    private static final Set<String> DEPLOYMENT_CODES = Set.of(
            "ResourceNotFoundException", "AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "MissingAuthenticationTokenException",
            "AuthorizationHeaderMalformed", "IllegalLocationConstraintException", "InvalidBucketName",
            "ExpiredToken", "InvalidToken", "EndpointNotFound");

    private static boolean isDeploymentErrorCode(AwsServiceException service) {
        return DEPLOYMENT_CODES.contains(errorCode(service));
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
    }
}
