package dev.productupload.bench;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.domain.port.in.UploadCommandChecks;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.entrypoint.http.UploadRequestReader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * Runs in a fresh JVM: how long each part of the handler's init takes, built one after the other; with argument
 * {@code handler}, how long the handler's own init takes from its environment.
 */
public final class InitBreakdownProbe {

    private InitBreakdownProbe() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("handler")) {
            long started = System.nanoTime();
            new dev.productupload.entrypoint.lambda.UploadHandler();
            System.out.printf("INIT {\"handler\":%.1f}%n", (System.nanoTime() - started) / 1e6);
            return;
        }
        long start = System.nanoTime();
        var json = ApiJson.mapper();
        long mapper = System.nanoTime();
        UploadCommandChecks.check(new UploadCommand(null, null, null, null), "", (field, message) -> { });
        long constraints = System.nanoTime();
        new UploadRequestReader(json, ApiSettings.defaults());
        long schema = System.nanoTime();
        AwsSettings settings = new AwsSettings(Region.US_EAST_1, "bucket", "table",
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));
        AwsClients.s3(settings, credentials);
        long s3 = System.nanoTime();
        var dynamoDb = AwsClients.dynamoDb(settings, credentials);
        long dynamo = System.nanoTime();
        new DynamoDbProductRepository(dynamoDb, "table");
        long enhanced = System.nanoTime();
        System.out.printf("INIT {\"jsonMapper\":%.1f,\"constraints\":%.1f,\"requestSchema\":%.1f,\"s3Client\":%.1f,"
                        + "\"dynamoDbClient\":%.1f,\"enhancedTable\":%.1f}%n",
                (mapper - start) / 1e6, (constraints - mapper) / 1e6, (schema - constraints) / 1e6, (s3 - schema) / 1e6,
                (dynamo - s3) / 1e6, (enhanced - dynamo) / 1e6);
    }
}
