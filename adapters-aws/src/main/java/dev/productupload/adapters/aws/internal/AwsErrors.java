package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates SDK failures at the adapters' edge. What the SDK could not get through after its retries
 * (no connection, timeouts, throttling, 5xx) is "backend unavailable"; anything else (access denied,
 * a missing bucket or table) is a fault of the deployment and stays as it is.
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    public static RuntimeException translate(String backend, SdkException failure) {
        if (failure instanceof SdkClientException) {
            return new BackendUnavailableException(backend, failure);
        }
        if (failure instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500)) {
            return new BackendUnavailableException(backend, failure);
        }
        return failure;
    }
}
