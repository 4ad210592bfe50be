package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbIdempotencyStore;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemIdempotencyStore;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryIdempotencyStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.service.UploadService;
import dev.productupload.entrypoint.http.Api;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.BeanValidation;
import dev.productupload.entrypoint.http.IdempotentWrites;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/**
 * Composition root of the local server, the one place it is wired: the stores its options choose (in memory, on
 * disk with {@code --data-dir}, or the AWS adapters with {@code --backend aws}), the use cases, and the pipeline
 * over the API's routes.
 */
final class LocalComposition {

    private LocalComposition() {
    }

    static Pipeline wire(LocalServerOptions options, RequestLog log) {
        Stores stores = options.aws() != null ? awsStores(options)
                : options.dataDir() != null
                ? new Stores(new FileSystemProductRepository(options.dataDir()), new FileSystemFileStorage(options.dataDir()),
                        new FileSystemIdempotencyStore(options.dataDir()))
                : new Stores(new InMemoryProductRepository(options.memory().productVersions()),
                        new InMemoryFileStorage(options.memory().fileBytes()), new InMemoryIdempotencyStore());
        UploadService upload = new UploadService(stores.products(), stores.files(), IdGenerator.randomUuids(),
                Clock.systemUTC(), BeanValidation.validator());
        ObjectMapper json = ApiJson.mapper();
        return new Pipeline(Api.routes(upload, json, options.settings()), json, options.settings(), log,
                new IdempotentWrites(stores.idempotency(), Clock.systemUTC()));
    }

    private record Stores(ProductRepository products, FileStorage files, IdempotencyStore idempotency) {
    }

    private static Stores awsStores(LocalServerOptions options) {
        AwsSettings aws = options.aws();
        AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        S3Client s3 = AwsClients.s3(aws, credentials);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws, credentials);
        if (options.createResources()) {
            AwsResources.createVersionedBucket(s3, aws.bucket());
            AwsResources.createProductTable(dynamoDb, aws.table());
            AwsResources.createIdempotencyTable(dynamoDb, AwsSettings.idempotencyTableBeside(aws.table()));
        }
        return new Stores(new DynamoDbProductRepository(dynamoDb, aws.table()), new S3FileStorage(s3, aws.bucket()),
                new DynamoDbIdempotencyStore(dynamoDb, AwsSettings.idempotencyTableBeside(aws.table())));
    }
}
