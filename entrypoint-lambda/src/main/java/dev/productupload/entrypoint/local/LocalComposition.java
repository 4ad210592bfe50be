package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbIdempotencyStore;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.DynamoDbUploadSessionStore;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemIdempotencyStore;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.FileSystemUploadSessionStore;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryIdempotencyStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.adapters.local.InMemoryUploadSessionStore;
import dev.productupload.adapters.local.SignedDownloadLinks;
import dev.productupload.adapters.local.StoredContent;
import dev.productupload.adapters.local.SignedUploadLinks;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.UploadSessionStore;
import dev.productupload.domain.service.FindProductsService;
import dev.productupload.domain.service.ReadProductService;
import dev.productupload.domain.service.StagedUploadService;
import dev.productupload.domain.service.UploadService;
import dev.productupload.entrypoint.http.Api;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.IdempotentWrites;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.Route;
import dev.productupload.entrypoint.http.RouteTable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Composition root of the local server, the one place it is wired: the stores its options choose (in memory, on
 * disk with {@code --data-dir}, or the AWS adapters with {@code --backend aws}), the use cases, and the pipeline
 * over the API's routes and the local server's own: the local stores' download links and the API explorer.
 */
final class LocalComposition {

    private LocalComposition() {
    }

    /** The pipeline, and the PUTs of staged uploads for the local stores (null with the AWS backend: S3 takes them). */
    record Wiring(Pipeline pipeline, LocalStagedPuts stagedPuts) {
    }

    static Pipeline wire(LocalServerOptions options, RequestLog log) {
        return wiring(options, log).pipeline();
    }

    static Wiring wiring(LocalServerOptions options, RequestLog log) {
        return wiring(options, log, Clock.systemUTC());
    }

    /** @param clock when staged uploads and their URLs expire */
    static Wiring wiring(LocalServerOptions options, RequestLog log, Clock clock) {
        SignedDownloadLinks links = new SignedDownloadLinks();
        SignedUploadLinks uploadLinks = new SignedUploadLinks(clock);
        Stores stores;
        LocalStagedPuts stagedPuts = null;
        if (options.aws() != null) {
            stores = awsStores(options);
        } else if (options.dataDir() != null) {
            FileSystemFileStorage files = new FileSystemFileStorage(options.dataDir(), links, uploadLinks);
            FileSystemProductRepository products = new FileSystemProductRepository(options.dataDir());
            stores = new Stores(products, products, files, files::content, new FileSystemIdempotencyStore(options.dataDir()),
                    new FileSystemUploadSessionStore(options.dataDir()));
            stagedPuts = new LocalStagedPuts(uploadLinks, files);
        } else {
            InMemoryFileStorage files = new InMemoryFileStorage(options.memory().fileBytes(), links, uploadLinks);
            InMemoryProductRepository products = new InMemoryProductRepository(options.memory().productVersions());
            stores = new Stores(products, products, files, files::content, new InMemoryIdempotencyStore(),
                    new InMemoryUploadSessionStore());
            stagedPuts = new LocalStagedPuts(uploadLinks, files);
        }
        UploadService upload = new UploadService(stores.products(), stores.files(), IdGenerator.randomUuids(),
                Clock.systemUTC());
        StagedUploadService staged = new StagedUploadService(stores.products(), stores.files(), stores.sessions(),
                IdGenerator.randomUuids(), clock, options.stagedLimits());
        ReadProductService reads = new ReadProductService(stores.products(), stores.files(), Clock.systemUTC());
        FindProductsService finds = new FindProductsService(stores.listing());
        ObjectMapper json = ApiJson.mapper();
        List<Route> local = new ArrayList<>(ApiExplorer.routes());
        local.add(Route.get(LocalDownloadEndpoint.TEMPLATE, new LocalDownloadEndpoint(links, stores.versions())));
        RouteTable routes = Api.routes(upload, staged, reads, finds, json, options.settings()).with(local);
        return new Wiring(new Pipeline(routes, json, options.settings(), log,
                new IdempotentWrites(stores.idempotency(), Clock.systemUTC())), stagedPuts);
    }

    /**
     * The stores, how to read one stored file version for a local download link (none for S3's links), where
     * idempotency keys are remembered and where staged uploads are kept until completed.
     */
    private record Stores(ProductRepository products, ProductListing listing, FileStorage files,
                          BiFunction<String, String, Optional<StoredContent>> versions, IdempotencyStore idempotency,
                          UploadSessionStore sessions) {
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
        DynamoDbProductRepository products = new DynamoDbProductRepository(dynamoDb, aws.table());
        return new Stores(products, products, new S3FileStorage(s3, aws.bucket()),
                (key, versionId) -> Optional.empty(),
                new DynamoDbIdempotencyStore(dynamoDb, AwsSettings.idempotencyTableBeside(aws.table())),
                new DynamoDbUploadSessionStore(dynamoDb, AwsSettings.idempotencyTableBeside(aws.table())));
    }
}
