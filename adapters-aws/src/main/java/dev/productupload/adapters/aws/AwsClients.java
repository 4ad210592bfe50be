package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.CredentialsFault;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;

/**
 * Builds the S3 and DynamoDB clients, once per process: explicit region and credentials, the JDK's
 * URL-connection HTTP client (light at start-up), and bounded timeouts so a dead backend turns into a 503
 * well within the function's timeout. Endpoint overrides come from {@link AwsSettings}, nowhere else.
 * Each call is further bounded by the request's {@link dev.productupload.domain.model.Deadline}.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private AwsClients() {
    }

    /**
     * The credentials a Lambda function has: the key variables of an on-demand environment, or, in a SnapStart
     * environment, which has none, the container endpoint named by {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
     * with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} (docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html,
     * "SnapStart credentials"). Only these two sources, so no profile file is read at start-up.
     */
    public static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .reuseLastProviderEnabled(true)
                .build();
    }

    public static S3Client s3(AwsSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(settings.region())
                .credentialsProvider(CredentialsFault.marking(credentials))
                .httpClient(httpClient())
                // Over plain HTTP the SDK would frame a put's body in signed aws-chunked pieces, each written and sent
                // as a TCP segment of its own (16 for a 1 KiB file, bench/wire.sh); over HTTPS it sends one unsigned
                // body anyway, and S3 checks the x-amz-checksum-crc32c header either way (chunkedEncodingEnabled:
                // docs.aws.amazon.com/java/api/latest/software/amazon/awssdk/services/s3/S3Configuration.html).
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(overrides());
        if (settings.s3Endpoint() != null) {
            // S3-compatible servers are addressed by path, not by bucket subdomain.
            builder.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    public static DynamoDbClient dynamoDb(AwsSettings settings, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(settings.region())
                .credentialsProvider(CredentialsFault.marking(credentials))
                .httpClient(httpClient())
                .overrideConfiguration(overrides());
        if (settings.dynamoDbEndpoint() != null) {
            builder.endpointOverride(settings.dynamoDbEndpoint());
        }
        return builder.build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(CallBudget.CALL_TIMEOUT).build();
    }
}
