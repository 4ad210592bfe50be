package dev.productupload.entrypoint.lambda;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.UploadApi;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.Map;

/**
 * Composition root of the Lambda function: the pipeline over the S3 and DynamoDB adapters, configured from
 * the function's environment ({@code BUCKET_NAME}, {@code TABLE_NAME}, {@code AWS_REGION}, optional
 * {@code MAX_FILE_BYTES} and endpoint overrides) with the credentials Lambda puts there.
 */
public final class LambdaComposition {

    private LambdaComposition() {
    }

    /** @throws IllegalStateException naming a required variable that is missing */
    public static UploadApi fromEnvironment(Map<String, String> environment) {
        return create(environment, EnvironmentVariableCredentialsProvider.create());
    }

    static UploadApi create(Map<String, String> environment, AwsCredentialsProvider credentials) {
        AwsSettings aws = AwsSettings.fromEnvironment(environment);
        return UploadApi.wire(
                new DynamoDbProductRepository(AwsClients.dynamoDb(aws, credentials), aws.table()),
                new S3FileStorage(AwsClients.s3(aws, credentials), aws.bucket()),
                ApiSettings.fromEnvironment(environment),
                RequestLog.toStandardOutput(ApiJson.mapper()));
    }
}
