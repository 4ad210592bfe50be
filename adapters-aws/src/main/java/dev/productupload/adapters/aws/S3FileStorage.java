package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.Objects;

/**
 * Stores files as objects of a versioned S3 bucket. S3 verifies each object against the checksum the domain
 * computed; encryption is the bucket's default (SSE-KMS), so no key is named here.
 */
public final class S3FileStorage implements FileStorage {

    private static final String BACKEND = "S3";

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

    @Override
    public String store(String key, byte[] content, String contentType, Checksum checksum) {
        if (!Checksum.CRC32C.equals(checksum.algorithm())) {
            throw new IllegalArgumentException("unsupported checksum algorithm " + checksum.algorithm());
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(put -> put.bucket(bucket)
                            .overrideConfiguration(CallBudget.forCall(BACKEND))
                            .key(key)
                            .contentType(contentType)
                            .contentLength((long) content.length)
                            .checksumCRC32C(checksum.value()),
                    RequestBody.fromBytes(content));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (response.versionId() == null || "null".equals(response.versionId())) {
            throw new IllegalStateException("bucket " + bucket + " returned no version id: enable versioning on it");
        }
        return response.versionId();
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
