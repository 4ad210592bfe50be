package dev.productupload.bench;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.lambda.UploadHandler;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The same 1 KiB new-product upload through four set-ups, one request of each in turn: the S3 client's body as
 * signed aws-chunked pieces (the SDK's default over plain HTTP) or as one body (ours now), and the servers reached
 * through the tests' fault-injecting TCP proxies (what section 2 measures) or directly. Separates what the
 * proxies and the chunked body each add to the median and the tail.
 */
final class WarmSuspects {

    private static final int ITERATIONS = 400;

    private WarmSuspects() {
    }

    static void run(AwsBackends servers, Consumer<String> line) throws IOException {
        AwsSettings proxied = servers.freshResources();
        Map<String, String> direct = servers.directEnvironment(proxied.bucket(), proxied.table());
        AwsSettings straight = new AwsSettings(proxied.region(), proxied.bucket(), proxied.table(),
                URI.create(direct.get(AwsSettings.S3_ENDPOINT)), URI.create(direct.get(AwsSettings.DYNAMODB_ENDPOINT)));
        RequestLog quiet = new RequestLog(ApiJson.mapper(), logLine -> { }, Clock.systemUTC());
        Map<String, UploadHandler> variants = new LinkedHashMap<>();
        for (boolean chunked : new boolean[] {true, false}) {
            for (AwsSettings settings : new AwsSettings[] {proxied, straight}) {
                DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings, servers.credentials());
                S3Client s3 = chunked ? chunkedS3(settings, servers) : AwsClients.s3(settings, servers.credentials());
                variants.put((chunked ? "aws-chunked body" : "one body") + ", "
                                + (settings == proxied ? "through the proxies" : "direct"),
                        Benchmarks.handlerOver(new DynamoDbProductRepository(dynamoDb, settings.table()),
                                new S3FileStorage(s3, settings.bucket()), quiet));
            }
        }
        byte[] event = Events.JSON.writeValueAsString(Events.event(Events.body(1024, true))).getBytes(StandardCharsets.UTF_8);
        int warmUp = ITERATIONS / 3;
        Map<String, double[]> samples = new LinkedHashMap<>();
        variants.keySet().forEach(name -> samples.put(name, new double[ITERATIONS]));
        String[] names = variants.keySet().toArray(String[]::new);
        for (int i = -warmUp; i < ITERATIONS; i++) {
            for (int which = 0; which < names.length; which++) {
                String name = names[Math.floorMod(i + which, names.length)];
                long start = System.nanoTime();
                Benchmarks.invoke(variants.get(name), event);
                if (i >= 0) {
                    samples.get(name)[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        line.accept("## 2d. Suspects of the warm tail (1 KiB new product, in process, " + ITERATIONS
                + " requests each after " + warmUp + " of warm-up, one of each set-up in turn)");
        line.accept("");
        line.accept("| S3 body, servers reached | p50 ms | p90 ms | p99 ms | max ms | p99 / p50 | requests over 20 ms |");
        line.accept("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        samples.forEach((name, values) -> line.accept(String.format("| %s | %.2f | %.2f | %.2f | %.2f | %.1f | %d |",
                name, Stats.median(values), Stats.percentile(values, 90), Stats.percentile(values, 99),
                Stats.percentile(values, 100), Stats.percentile(values, 99) / Stats.median(values),
                java.util.Arrays.stream(values).filter(v -> v > 20).count())));
        line.accept("");
    }

    /** The S3 client as it was built before it sent one body: the same, with the SDK's aws-chunked default. */
    private static S3Client chunkedS3(AwsSettings settings, AwsBackends servers) {
        return S3Client.builder().region(settings.region()).credentialsProvider(servers.credentials())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)).build())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(true).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(CallBudget.CALL_TIMEOUT).build())
                .endpointOverride(settings.s3Endpoint()).forcePathStyle(true).build();
    }
}
