package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.FileStorage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Stores files as objects of a versioned S3 bucket. S3 verifies each object against the checksum the domain
 * computed; encryption is the bucket's default (SSE-KMS), so no key is named here. Downloads are presigned GETs
 * of one object version. IAM actions: {@code s3:PutObject}, {@code s3:DeleteObject}, and for whoever
 * follows a download link, which is signed with the function's own credentials, {@code s3:GetObjectVersion}
 * and {@code kms:Decrypt} on the bucket key.
 */
public final class S3FileStorage implements FileStorage {

    private static final String BACKEND = "S3";
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final S3Presigner presigner;

    /**
     * @param s3     a client built once per process; download links are signed with its region, endpoint and
     *               credentials
     * @param bucket a bucket with versioning enabled
     */
    public S3FileStorage(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.presigner = presignerFor(s3);
    }

    private static S3Presigner presignerFor(S3Client s3) {
        var client = s3.serviceClientConfiguration();
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(client.region())
                .credentialsProvider(client.credentialsProvider())
                .s3Client(s3);
        client.endpointOverride().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /**
     * Puts the object only if its key is new ({@code If-None-Match: *}, docs.aws.amazon.com/AmazonS3/latest/userguide/
     * conditional-writes.html). Keys are unique per upload, so a 412 means an earlier attempt of this very put was
     * stored and its answer lost (the SDK retries such a put): the stored object is checked against the size and
     * checksum and its version returned, and no second version is made.
     */
    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        if (!Checksum.CRC32C.equals(checksum.algorithm())) {
            throw new IllegalArgumentException("unsupported checksum algorithm " + checksum.algorithm());
        }
        String versionId;
        try {
            versionId = s3.putObject(put -> put.bucket(bucket)
                            .overrideConfiguration(CallBudget.forCall(BACKEND))
                            .key(key)
                            .ifNoneMatch("*")
                            .contentType(contentType)
                            .contentLength((long) content.length)
                            .checksumCRC32C(checksum.value()),
                    RequestBody.fromBytes(content)).versionId();
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw AwsErrors.translate(BACKEND, e);
            }
            versionId = storedVersion(key, content.length, checksum);
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (versionId == null || "null".equals(versionId)) {
            discard(key, versionId);
            throw new DeploymentFaultException(BACKEND, "bucket " + bucket + " has versioning off", null);
        }
        return versionId;
    }

    /** The version already stored under {@code key}, if it holds exactly this content. */
    private String storedVersion(String key, long size, Checksum checksum) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(request -> request.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (head.contentLength() != size || !checksum.value().equals(head.checksumCRC32C())) {
            throw new IllegalStateException("key " + key + " already holds other content");
        }
        return head.versionId();
    }

    /** A delete marker on the key, not a version delete: the function's role cannot erase history (ADR 6). */
    @Override
    public void discard(String key, String versionId) {
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key).overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    /**
     * A presigned GET of exactly {@code file}'s object version, answered with its content type and as an
     * attachment. Signing reads nothing; a URL signed with temporary credentials stops working when they expire,
     * even before {@code validFor}. (A GET with {@code versionId} is authorized as s3:GetObjectVersion:
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html)
     */
    @Override
    public URI downloadLink(FileReference file, Duration validFor) {
        try {
            return presigner.presignGetObject(presign -> presign.signatureDuration(validFor)
                    .getObjectRequest(get -> get.bucket(bucket)
                            .key(file.key())
                            .versionId(file.versionId())
                            .responseContentType(file.contentType())
                            .responseContentDisposition(FileStorage.attachmentDisposition(file.fileName()))))
                    .url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the presigner made a URL that is no URI", e);
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }
}
