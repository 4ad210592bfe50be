package dev.productupload.adapters.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;

/**
 * Builds the S3 and DynamoDB clients, once per process: explicit region and credentials, the JDK's
 * URL-connection HTTP client (light at start-up), and bounded timeouts so a dead backend turns into a 503
 * well within the function's timeout. Endpoint overrides come from {@link AwsSettings}, nowhere else.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private AwsClients() {
    }

    public static S3Client s3(AwsSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(settings.region())
                .credentialsProvider(credentials)
                .httpClient(httpClient())
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
                .credentialsProvider(credentials)
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
        return ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build();
    }
}
