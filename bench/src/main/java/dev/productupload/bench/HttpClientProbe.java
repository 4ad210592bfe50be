package dev.productupload.bench;

import dev.productupload.adapters.aws.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

/**
 * Runs in a fresh JVM: builds an S3 client on the HTTP client named in {@code args[0]} ({@code url-connection}
 * or {@code crt}) and makes one 1 KiB put, printing when each step ended.
 */
public final class HttpClientProbe {

    private HttpClientProbe() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        SdkHttpClient http = args[0].equals("crt")
                ? AwsCrtHttpClient.builder().build()
                : UrlConnectionHttpClient.builder().build();
        S3Client s3 = S3Client.builder()
                .region(Region.of(environment.get(AwsSettings.REGION)))
                .httpClient(http)
                .forcePathStyle(true)
                .endpointOverride(URI.create(environment.get(AwsSettings.S3_ENDPOINT)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .build();
        long ready = System.currentTimeMillis();
        s3.putObject(put -> put.bucket(environment.get(AwsSettings.BUCKET_NAME)).key("probe/" + args[0]),
                RequestBody.fromBytes(new byte[1024]));
        long served = System.currentTimeMillis();
        System.out.println("COLDSTART {\"readyEpochMs\":" + ready + ",\"servedEpochMs\":" + served + ",\"status\":200}");
    }
}
