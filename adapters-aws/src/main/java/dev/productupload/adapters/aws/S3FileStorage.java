package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Objects;

/**
 * Stores files as objects of a versioned S3 bucket. S3 verifies each object against the checksum the domain
 * computed; encryption is the bucket's default (SSE-KMS), so no key is named here.
 */
public final class S3FileStorage implements FileStorage {

    private static final String BACKEND = "S3";
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;

    /**
     * @param s3     a client built once per process
     * @param bucket a bucket with versioning enabled
     */
    public S3FileStorage(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
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
}
