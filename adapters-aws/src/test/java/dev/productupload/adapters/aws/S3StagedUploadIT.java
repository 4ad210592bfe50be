package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.PresignedPuts;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged upload's presigned PUT against the S3-compatible test server: what the signature makes the server refuse,
 * and what a HEAD then reports.
 */
@ExtendWith(AwsBackendsExtension.class)
class S3StagedUploadIT {

    private static final String KEY = "products/p-1/files/u-1/manual.pdf";
    private static final byte[] BYTES = new byte[256 * 1024];

    static {
        new Random(3).nextBytes(BYTES);
    }

    private final S3FileStorage storage;
    private final S3Client s3;
    private final AwsSettings settings;

    S3StagedUploadIT(AwsBackends servers) {
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.storage = new S3FileStorage(s3, settings.bucket());
    }

    private FileStorage.UploadTarget target(Checksum checksum) {
        return storage.uploadTarget(KEY, BYTES.length, "application/pdf", checksum, Duration.ofMinutes(15));
    }

    static HttpResponse<String> put(URI url, Map<String, String> headers, byte[] body) throws Exception {
        return PresignedPuts.send(url, headers, body);
    }

    static Checksum sha256(byte[] bytes) throws Exception {
        return new Checksum(Checksum.SHA256, Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void signsTypeChecksumAndIfNoneMatchAndLeavesHostAndLengthToTheClient() {
        // when
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));

        // then
        assertThat(target.headers()).containsOnlyKeys("content-type", "x-amz-checksum-crc32c", "if-none-match");
        assertThat(target.url().getQuery()).contains("X-Amz-SignedHeaders=content-length;content-type;host;if-none-match;x-amz-checksum-crc32c");
    }

    @Test
    void storesExactlyTheAnnouncedFileAndReportsItsSizeTypeAndChecksum() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));

        // when
        HttpResponse<String> response = put(target.url(), target.headers(), BYTES);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FileStorage.StoredObject stored = storage.inspect(KEY, Checksum.CRC32C).orElseThrow();
        assertThat(stored.size()).isEqualTo(BYTES.length);
        assertThat(stored.contentType()).isEqualTo("application/pdf");
        assertThat(stored.versionId()).isEqualTo(response.headers().firstValue("x-amz-version-id").orElseThrow());
        assertThat(stored.checksum()).isEqualTo(Checksum.crc32c(BYTES));
    }

    @Test
    void refusesAnotherSize() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        byte[] longer = new byte[BYTES.length + 1];

        // when
        HttpResponse<String> response = put(target.url(), target.headers(), longer);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @Test
    void refusesAnotherType() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        Map<String, String> headers = new java.util.HashMap<>(target.headers());
        headers.put("content-type", "text/html");

        // when
        HttpResponse<String> response = put(target.url(), headers, BYTES);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @Test
    void refusesAPutWithoutTheChecksumHeaderOrWithAnotherValue() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        Map<String, String> without = new java.util.HashMap<>(target.headers());
        without.remove("x-amz-checksum-crc32c");
        Map<String, String> other = new java.util.HashMap<>(target.headers());
        other.put("x-amz-checksum-crc32c", Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(1).array()));

        // when
        HttpResponse<String> withoutHeader = put(target.url(), without, BYTES);
        HttpResponse<String> otherValue = put(target.url(), other, BYTES);

        // then
        assertThat(withoutHeader.statusCode()).as(withoutHeader.body()).isEqualTo(403);
        assertThat(otherValue.statusCode()).as(otherValue.body()).isEqualTo(403);
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @Test
    void refusesOtherBytesOfTheSameSizeUnderTheSignedCrc32c() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        byte[] other = BYTES.clone();
        other[0] ^= 1;

        // when
        HttpResponse<String> response = put(target.url(), target.headers(), other);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>BadDigest</Code>");
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    @Test
    void refusesOtherBytesOfTheSameSizeUnderTheSignedSha256() throws Exception {
        // given
        FileStorage.UploadTarget target = target(sha256(BYTES));
        byte[] other = BYTES.clone();
        other[0] ^= 1;

        // when
        HttpResponse<String> response = put(target.url(), target.headers(), other);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>BadDigest</Code>");
        assertThat(storage.inspect(KEY, Checksum.SHA256)).isEmpty();
    }

    @Test
    void refusesASecondPutUnderTheKey() throws Exception {
        // given
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        String first = put(target.url(), target.headers(), BYTES).headers().firstValue("x-amz-version-id").orElseThrow();

        // when
        HttpResponse<String> again = put(target.url(), target.headers(), BYTES);

        // then
        assertThat(again.statusCode()).isEqualTo(412);
        assertThat(storage.inspect(KEY, Checksum.CRC32C).orElseThrow().versionId()).isEqualTo(first);
    }

    @Test
    void reportsNothingForAKeyNeverPut() {
        assertThat(storage.inspect(KEY, Checksum.CRC32C)).isEmpty();
    }

    /**
     * s3proxy implements no bucket CORS (PutBucketCors is 501; its CORS is one server-wide setting), so the bucket's
     * rule for browsers is asserted in the stack's template instead (ProductUploadStackContextTest); here, that a
     * preflight of the PUT gets no grant from a server without one.
     */
    @Test
    void theTestServerTakesNoBucketCorsRuleAndGrantsNoPreflightWithoutOne() throws Exception {
        // when
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> s3.putBucketCors(cors -> cors
                .bucket(settings.bucket()).corsConfiguration(c -> c.corsRules(rule -> rule
                        .allowedOrigins("https://shop.example.com").allowedMethods("PUT")))));
        FileStorage.UploadTarget target = target(Checksum.crc32c(BYTES));
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target.url())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,if-none-match,x-amz-checksum-crc32c").build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(refused).isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(501));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
