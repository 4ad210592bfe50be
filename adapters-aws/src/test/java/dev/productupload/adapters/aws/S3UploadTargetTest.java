package dev.productupload.adapters.aws;

import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Presigning a staged upload's PUT: no network, and a session's token in the URL (a SnapStart function's case). */
class S3UploadTargetTest {

    @Test
    void signsWithoutAnyCallAndCarriesTheSessionTokenOfTemporaryCredentials() {
        // given: session credentials, as SnapStart's container endpoint gives them, and an endpoint nothing listens on
        S3Client s3 = AwsClients.s3(new AwsSettings(Region.EU_WEST_1, "bucket", "table",
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")),
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "the-session-token")));
        S3FileStorage storage = new S3FileStorage(s3, "bucket");

        // when
        FileStorage.UploadTarget target = storage.uploadTarget("products/p-1/files/u-1/manual.pdf", 20, "application/pdf",
                Checksum.crc32c(new byte[20]), Duration.ofMinutes(15));

        // then
        assertThat(target.url().getRawQuery()).contains("X-Amz-Security-Token=the-session-token")
                .contains("X-Amz-Expires=900")
                .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost%3Bif-none-match%3Bx-amz-checksum-crc32c");
        assertThat(target.url().getPath()).isEqualTo("/bucket/products/p-1/files/u-1/manual.pdf");
    }
}
