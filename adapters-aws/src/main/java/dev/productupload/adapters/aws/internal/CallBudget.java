package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.Deadline;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

import java.time.Duration;

/** The time one SDK call may take: what is left of the request's deadline, never more than the client's limit. */
public final class CallBudget {

    /** The longest any one call may take; a request's deadline usually cuts it shorter. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    /** Below this there is no point in starting a call: it could not even connect. */
    private static final Duration TOO_LITTLE = Duration.ofMillis(50);

    private CallBudget() {
    }

    /**
     * An override that bounds one call, retries included, by the current deadline.
     *
     * @throws BackendUnavailableException when the deadline leaves no time for the call
     */
    public static AwsRequestOverrideConfiguration forCall(String backend) {
        Duration remaining = Deadline.currentOr(CALL_TIMEOUT).remaining();
        if (remaining.compareTo(TOO_LITTLE) < 0) {
            throw new BackendUnavailableException(backend, new IllegalStateException("the request's time is up"));
        }
        Duration timeout = remaining.compareTo(CALL_TIMEOUT) < 0 ? remaining : CALL_TIMEOUT;
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build();
    }
}
