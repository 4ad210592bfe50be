package dev.productupload.adapters.aws;

import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where the AWS adapters store: region, bucket, table, and endpoint overrides for S3- and DynamoDB-compatible
 * servers. Without overrides the SDK's regional endpoints are used.
 */
public record AwsSettings(Region region, String bucket, String table, URI s3Endpoint, URI dynamoDbEndpoint) {

    public static final String BUCKET_NAME = "BUCKET_NAME";
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String REGION = "AWS_REGION";
    /** The table of keyed writes' records (Lambda); without the variable, see {@link #idempotencyTableBeside}. */
    public static final String IDEMPOTENCY_TABLE_NAME = "IDEMPOTENCY_TABLE_NAME";
    /** The variable names the AWS SDKs and CLI use for per-service endpoints. */
    public static final String S3_ENDPOINT = "AWS_ENDPOINT_URL_S3";
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(table, "table");
    }

    /**
     * Reads the settings of a Lambda function (or any process) from its environment.
     *
     * @throws IllegalStateException naming the first required variable that is missing
     */
    public static AwsSettings fromEnvironment(Map<String, String> environment) {
        return new AwsSettings(
                Region.of(required(environment, REGION)),
                required(environment, BUCKET_NAME),
                required(environment, TABLE_NAME),
                optionalUri(environment, S3_ENDPOINT),
                optionalUri(environment, DYNAMODB_ENDPOINT));
    }

    /** The idempotency table named in the environment, else the one beside the product table. */
    public static String idempotencyTable(Map<String, String> environment, String productTable) {
        String value = environment.get(IDEMPOTENCY_TABLE_NAME);
        return value == null || value.isBlank() ? idempotencyTableBeside(productTable) : value.strip();
    }

    /** The name of the idempotency table that goes with {@code productTable} where none is named. */
    public static String idempotencyTableBeside(String productTable) {
        return productTable + "-idempotency";
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.strip();
    }

    private static URI optionalUri(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : URI.create(value.strip());
    }
}
