package dev.productupload.adapters.aws.internal;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Marks a failure to obtain credentials, so that it reads as a deployment fault and never as a backend that
 * did not answer: the provider is wrapped, and whatever it throws is carried inside this exception.
 */
public final class CredentialsFault extends RuntimeException {

    private CredentialsFault(Throwable cause) {
        super("no credentials: " + cause.getClass().getName(), cause);
    }

    /** {@code provider}, with its failures marked. */
    public static AwsCredentialsProvider marking(AwsCredentialsProvider provider) {
        return new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                try {
                    return provider.resolveCredentials();
                } catch (RuntimeException failure) {
                    throw new CredentialsFault(failure);
                }
            }

            @Override
            public String toString() {
                return provider.toString();
            }
        };
    }

    /** Whether {@code failure} or one of its causes is a marked credentials failure. */
    public static boolean isIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CredentialsFault) {
                return true;
            }
        }
        return false;
    }
}
