package dev.productupload.entrypoint.local;

import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.entrypoint.http.ApiSettings;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of the local server. {@code aws} is null for the local backend (in memory, or on disk
 * with {@code --data-dir}); with {@code --backend aws} it says where the AWS adapters store.
 */
public record LocalServerOptions(int port, Path dataDir, ApiSettings settings, AwsSettings aws,
                                 boolean createResources) {

    public static final String USAGE = String.join("\n",
            "usage: java -jar entrypoint-lambda-*-local.jar [options]",
            "  --port N                 port on localhost (default 8080; 0 picks a free one)",
            "  --max-file-bytes N       largest file accepted (default 4194304)",
            "  --data-dir DIR           keep products and files on disk (local backend)",
            "  --backend local|aws      where to store (default local: in memory or --data-dir)",
            "  --region REGION          with --backend aws (default: $AWS_REGION)",
            "  --bucket NAME            with --backend aws: the versioned bucket for files",
            "  --table NAME             with --backend aws: the product table (keyed writes' records in NAME-idempotency)",
            "  --s3-endpoint URL        with --backend aws: an S3-compatible server instead of AWS",
            "  --dynamodb-endpoint URL  with --backend aws: a DynamoDB-compatible server instead of AWS",
            "  --create-resources       with --backend aws: create the bucket and tables if missing",
            "Credentials for --backend aws come from the usual AWS environment variables.");

    public static LocalServerOptions parse(List<String> args) {
        int port = 8080;
        Path dataDir = null;
        ApiSettings settings = ApiSettings.defaults();
        String backend = "local";
        String region = System.getenv(AwsSettings.REGION);
        String bucket = null;
        String table = null;
        URI s3Endpoint = null;
        URI dynamoDbEndpoint = null;
        boolean createResources = false;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--create-resources")) {
                createResources = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args.get(++i);
            switch (name) {
                case "--port" -> {
                    port = number(name, value);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be 0-65535");
                    }
                }
                case "--data-dir" -> dataDir = Path.of(value);
                case "--max-file-bytes" -> settings = new ApiSettings(number(name, value));
                case "--backend" -> backend = value;
                case "--region" -> region = value;
                case "--bucket" -> bucket = value;
                case "--table" -> table = value;
                case "--s3-endpoint" -> s3Endpoint = URI.create(value);
                case "--dynamodb-endpoint" -> dynamoDbEndpoint = URI.create(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (backend.equals("local")) {
            if (bucket != null || table != null || s3Endpoint != null || dynamoDbEndpoint != null || createResources) {
                throw new IllegalArgumentException("--bucket, --table, endpoints and --create-resources need --backend aws");
            }
            return new LocalServerOptions(port, dataDir, settings, null, false);
        }
        if (!backend.equals("aws")) {
            throw new IllegalArgumentException("--backend must be local or aws, not '" + backend + "'");
        }
        if (dataDir != null) {
            throw new IllegalArgumentException("--data-dir is for the local backend; --backend aws stores in S3 and DynamoDB");
        }
        if (bucket == null || table == null || region == null) {
            throw new IllegalArgumentException("--backend aws needs --bucket, --table and --region (or AWS_REGION)");
        }
        AwsSettings aws = new AwsSettings(Region.of(region), bucket, table, s3Endpoint, dynamoDbEndpoint);
        return new LocalServerOptions(port, null, settings, aws, createResources);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
        }
    }
}
