package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

/** An S3 refusal becomes what it means for the request: retry later, or a fault only an operator can fix. */
class AwsErrorsTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @ParameterizedTest
    @CsvSource({"400, RequestTimeout", "400, IncompleteBody", "409, OperationAborted", "503, SlowDown",
            "500, InternalError"})
    void aRefusalThatMayPassIsBackendUnavailable(int status, String code) {
        assertThat(AwsErrors.translate("S3", s3(status, code))).isInstanceOf(BackendUnavailableException.class);
    }

    @ParameterizedTest
    @CsvSource({"400, AuthorizationHeaderMalformed", "400, InvalidBucketName", "400, IllegalLocationConstraintException",
            "400, ExpiredToken", "301, PermanentRedirect", "403, SignatureDoesNotMatch", "403, AccessDenied",
            "404, NoSuchBucket"})
    void aRefusalOnlyAnOperatorCanFixIsADeploymentFault(int status, String code) {
        assertThat(AwsErrors.translate("S3", s3(status, code))).isInstanceOf(DeploymentFaultException.class);
    }
}
