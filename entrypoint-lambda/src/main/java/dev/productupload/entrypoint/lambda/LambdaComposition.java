package dev.productupload.entrypoint.lambda;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbIdempotencyStore;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.DynamoDbUploadSessionStore;
import dev.productupload.adapters.aws.S3FileStorage;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.service.FindProductsService;
import dev.productupload.domain.service.ReadProductService;
import dev.productupload.domain.service.StagedUploadService;
import dev.productupload.domain.service.UploadService;
import dev.productupload.entrypoint.http.Api;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.entrypoint.http.IdempotentWrites;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Composition root of the Lambda function, the one place it is wired: the use cases over the S3 and DynamoDB
 * adapters and the pipeline over the API's routes, configured from
 * the function's environment ({@code BUCKET_NAME}, {@code TABLE_NAME}, {@code AWS_REGION}, optional
 * {@code MAX_FILE_BYTES}, {@code MAX_STAGED_FILE_BYTES}, {@code IDEMPOTENCY_TABLE_NAME} (which also keeps staged uploads) and endpoint overrides) with the credentials Lambda gives it: key variables on demand,
 * the container credentials endpoint under SnapStart.
 */
public final class LambdaComposition {

    private LambdaComposition() {
    }

    /** The pipeline, and how to warm its AWS clients before a snapshot without writing anything. */
    record Wiring(Pipeline pipeline, Runnable primeClients) {
    }

    /** @throws IllegalStateException naming a required variable that is missing */
    static Wiring fromEnvironment(Map<String, String> environment) {
        return create(environment, AwsClients.lambdaCredentials());
    }

    static Wiring create(Map<String, String> environment, AwsCredentialsProvider credentials) {
        AwsSettings aws = AwsSettings.fromEnvironment(environment);
        S3Client s3 = AwsClients.s3(aws, credentials);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws, credentials);
        DynamoDbProductRepository products = new DynamoDbProductRepository(dynamoDb, aws.table());
        DynamoDbIdempotencyStore idempotency = new DynamoDbIdempotencyStore(dynamoDb,
                AwsSettings.idempotencyTable(environment, aws.table()));
        S3FileStorage files = new S3FileStorage(s3, aws.bucket());
        UploadService upload = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC());
        // The upload's compiled constraints (their patterns, the currency list) are built here, in init, not in the
        // first request: an empty command reaches the product data's checks too.
        upload.check(new UploadCommand(null, null, null, ProductData.ofId(null)));
        StagedUploadService staged = new StagedUploadService(products, files,
                new DynamoDbUploadSessionStore(dynamoDb, AwsSettings.idempotencyTable(environment, aws.table())),
                IdGenerator.randomUuids(), Clock.systemUTC(), stagedLimits(environment));
        ReadProductService reads = new ReadProductService(products, files, Clock.systemUTC());
        FindProductsService finds = new FindProductsService(products);
        ObjectMapper json = ApiJson.mapper();
        ApiSettings settings = ApiSettings.fromEnvironment(environment);
        Pipeline pipeline = new Pipeline(Api.routes(upload, staged, reads, finds, json, settings), json, settings,
                RequestLog.toStandardOutput(json), new IdempotentWrites(idempotency, Clock.systemUTC()));
        return new Wiring(pipeline, () -> primeClients(files));
    }

    /** Environment variable that lowers {@link StagedUploadService#MAX_SIZE}, the largest file of a staged upload. */
    static final String MAX_STAGED_FILE_BYTES = "MAX_STAGED_FILE_BYTES";

    static StagedUploadService.Limits stagedLimits(Map<String, String> environment) {
        StagedUploadService.Limits defaults = StagedUploadService.Limits.defaults();
        String value = environment.get(MAX_STAGED_FILE_BYTES);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        try {
            return new StagedUploadService.Limits(Long.parseLong(value.strip()), defaults.urlValidity(),
                    defaults.completionWindow());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_STAGED_FILE_BYTES + " must be a whole number of bytes");
        }
    }

    /**
     * Beside the routes' reads of a product that cannot exist (real Query and GetItem calls), a presigned download
     * and a presigned staged-upload PUT through the file storage (S3's marshalling and signing, never sent): the
     * clients' first-request work, no write.
     */
    private static void primeClients(S3FileStorage files) {
        files.downloadLink(new FileReference("priming", "products/snapshot-priming/priming.txt", "priming",
                "priming.txt", "text/plain", 8, Checksum.crc32c(new byte[8]), Instant.now()), Duration.ofMinutes(1));
        files.uploadTarget("products/snapshot-priming/files/priming/priming.txt", 8, "text/plain",
                Checksum.crc32c(new byte[8]), Duration.ofMinutes(1));
    }
}
