package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(AwsBackendsExtension.class)
class S3FileStorageIT {

    private static final String KEY = "products/p-1/files/f-1/spec sheet.pdf";
    private static final byte[] BYTES = "%PDF-1.4 product spec".getBytes(StandardCharsets.UTF_8);

    private final AwsBackends servers;
    private final AwsSettings settings;
    private final S3Client s3;
    private final S3FileStorage storage;

    S3FileStorageIT(AwsBackends servers) {
        this.servers = servers;
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.storage = new S3FileStorage(s3, settings.bucket());
    }

    private List<ObjectVersion> versions() {
        return s3.listObjectVersions(list -> list.bucket(settings.bucket())).versions();
    }

    @Test
    void storesBytesThatReadBackIdenticalUnderTheReturnedVersion() {
        // when
        String versionId = storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES));

        // then
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(get -> get.bucket(settings.bucket()).key(KEY)
                .versionId(versionId));
        assertThat(object.asByteArray()).isEqualTo(BYTES);
        assertThat(object.response().versionId()).isEqualTo(versionId);
        assertThat(object.response().contentType()).isEqualTo("application/pdf");
        assertThat(object.response().contentLength()).isEqualTo(BYTES.length);
    }

    private static HttpResponse<byte[]> fetch(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aDownloadLinkServesExactlyTheStoredVersionAsAnAttachmentWithItsContentType() throws Exception {
        // given
        String first = storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        s3.putObject(put -> put.bucket(settings.bucket()).key(KEY).contentType("text/plain"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("a newer version of the key"));
        FileReference file = new FileReference("f-1", KEY, first, "spec sheet.pdf", "application/pdf", BYTES.length,
                Checksum.crc32c(BYTES), Instant.now());

        // when
        URI link = storage.downloadLink(file, Duration.ofMinutes(5));
        HttpResponse<byte[]> response = fetch(link);

        // then
        assertThat(link.getQuery()).contains("versionId=" + first, "X-Amz-Expires=300");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BYTES);
        assertThat(Checksum.crc32c(response.body())).isEqualTo(file.checksum());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"spec sheet.pdf\"; filename*=UTF-8''spec%20sheet.pdf");
    }

    @Test
    void aDownloadLinkStopsWorkingOnceEdited() throws Exception {
        // given
        String versionId = storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        URI link = storage.downloadLink(new FileReference("f-1", KEY, versionId, "spec sheet.pdf", "application/pdf",
                BYTES.length, Checksum.crc32c(BYTES), Instant.now()), Duration.ofMinutes(5));

        // when
        HttpResponse<byte[]> response = fetch(URI.create(link.toString().replace("X-Amz-Expires=300", "X-Amz-Expires=3000")));

        // then
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void discardingHidesTheKeyBehindADeleteMarkerAndKeepsTheVersionAsHistory() {
        // given
        String stored = storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES));

        // when
        storage.discard(KEY, stored);

        // then: readers find nothing; the version is noncurrent history, erased only by the lifecycle
        assertThatThrownBy(() -> s3.headObject(head -> head.bucket(settings.bucket()).key(KEY)))
                .isInstanceOf(NoSuchKeyException.class);
        var listing = s3.listObjectVersions(list -> list.bucket(settings.bucket()));
        assertThat(listing.versions()).extracting(ObjectVersion::versionId, ObjectVersion::isLatest)
                .containsExactly(tuple(stored, false));
        assertThat(listing.deleteMarkers()).extracting(DeleteMarkerEntry::isLatest).containsExactly(true);
    }

    @Test
    void refusesBytesThatDoNotMatchTheirChecksumAndKeepsNothing() {
        Checksum ofOtherBytes = Checksum.crc32c("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> storage.store(KEY, BYTES, "application/pdf", ofOtherBytes))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
        assertThat(versions()).isEmpty();
    }

    @Test
    void sendsTheFileAsOnePlainBodyUnderItsCrc32cHeader() {
        // given
        Checksum checksum = Checksum.crc32c(BYTES);

        // when
        String wire = new String(servers.s3RequestBytesDuring(() -> storage.store(KEY, BYTES, "application/pdf", checksum)),
                StandardCharsets.ISO_8859_1);

        // then: no aws-chunked framing around the bytes, so they leave in one write; S3 checks the header
        String headers = wire.substring(0, wire.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(headers).contains("x-amz-checksum-crc32c: " + checksum.value().toLowerCase(java.util.Locale.ROOT))
                .contains("content-length: " + BYTES.length).doesNotContain("aws-chunked");
        assertThat(wire.substring(wire.indexOf("\r\n\r\n") + 4)).isEqualTo(new String(BYTES, StandardCharsets.ISO_8859_1));
    }

    @Test
    void reportsAnUnreachableServerAsBackendUnavailable() {
        servers.setS3Reachable(false);
        try {
            assertThatThrownBy(() -> storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES)))
                    .isInstanceOf(BackendUnavailableException.class);
        } finally {
            servers.setS3Reachable(true);
        }
        assertThat(storage.store(KEY, BYTES, "application/pdf", Checksum.crc32c(BYTES))).isNotBlank();
    }
}
