package dev.productupload.bench;

import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsResources;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.domain.model.Checksum;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes S3 puts the way the file storage makes them (If-None-Match, the precomputed CRC32C header) straight to
 * s3proxy, with and without the SDK's aws-chunked signing, so that a loopback capture can count the segments
 * and bytes each put costs on the wire. Prints one {@code WIRE} line per batch: its mode, file size, puts, the
 * server port and the wall-clock window in which only that batch ran. {@code bench/wire.sh} runs it under tcpdump.
 */
public final class PutWireProbe {

    private PutWireProbe() {
    }

    public static void main(String[] args) throws Exception {
        int puts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (AwsBackends servers = AwsBackends.start()) {
            AwsSettings store = servers.freshResources();
            Map<String, String> direct = servers.directEnvironment(store.bucket(), store.table());
            URI endpoint = URI.create(direct.get(AwsSettings.S3_ENDPOINT));
            S3Client ours = AwsClients.s3(new AwsSettings(store.region(), store.bucket(), store.table(), endpoint,
                    URI.create(direct.get(AwsSettings.DYNAMODB_ENDPOINT))), servers.credentials());
            S3Client chunked = S3Client.builder().region(store.region()).credentialsProvider(servers.credentials())
                    .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).forcePathStyle(true)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(true).build()).build();
            S3Client single = S3Client.builder().region(store.region()).credentialsProvider(servers.credentials())
                    .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).forcePathStyle(true)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build()).build();
            AwsResources.createVersionedBucket(ours, store.bucket() + "-wire");
            for (int size : new int[] {1024, 100 * 1024, 4 * 1024 * 1024}) {
                byte[] file = new byte[size];
                new Random(size).nextBytes(file);
                String crc32c = Checksum.crc32c(file).value();
                for (Map.Entry<String, S3Client> mode : Map.of("aws-chunked", chunked, "single body", single,
                        "AwsClients.s3", ours).entrySet()) {
                    put(mode.getValue(), store.bucket() + "-wire", file, crc32c);
                    Thread.sleep(300);
                    long from = System.currentTimeMillis();
                    for (int i = 0; i < puts; i++) {
                        put(mode.getValue(), store.bucket() + "-wire", file, crc32c);
                    }
                    long to = System.currentTimeMillis();
                    System.out.printf("WIRE %s|%d|%d|%d|%d|%d%n", mode.getKey(), size, puts, endpoint.getPort(), from, to);
                    Thread.sleep(300);
                }
            }
        }
    }

    private static void put(S3Client s3, String bucket, byte[] file, String crc32c) {
        s3.putObject(put -> put.bucket(bucket).key("wire/" + UUID.randomUUID()).ifNoneMatch("*")
                .contentType("application/pdf").contentLength((long) file.length).checksumCRC32C(crc32c),
                RequestBody.fromBytes(file));
    }
}
