package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.FileStorage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stores files as objects of a versioned S3 bucket. S3 verifies each object against the checksum the domain
 * computed; encryption is the bucket's default (SSE-KMS), so no key is named here. Downloads are presigned GETs
 * of one object version; staged uploads are presigned PUTs whose signature covers size, type, checksum and
 * {@code If-None-Match}. IAM actions: {@code s3:PutObject}, {@code s3:DeleteObject}, {@code s3:GetObject} (the HEAD
 * of a staged upload's key), and for whoever follows a download link, which is signed with the function's own
 * credentials, {@code s3:GetObjectVersion} and {@code kms:Decrypt} on the bucket key.
 */
public final class S3FileStorage implements FileStorage {

    private static final String BACKEND = "S3";
    private static final int PRECONDITION_FAILED = 412;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    /** Sent by the client's HTTP library itself, from the body; still part of the signature. */
    private static final Set<String> HEADERS_THE_CLIENT_SETS = Set.of("host", "content-length");

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
                    body(content, contentType)).versionId();
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

    /**
     * The file's bytes as the put's body without the copy {@code RequestBody.fromBytes} makes: the array is the
     * decoded file, which nothing changes once it is stored ("without copying the contents of the byte array":
     * https://docs.aws.amazon.com/java/api/latest/software/amazon/awssdk/http/ContentStreamProvider.html).
     */
    private static RequestBody body(byte[] content, String contentType) {
        return RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(content), content.length,
                contentType);
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

    /**
     * A presigned PUT of {@code key} whose signed headers are {@code Content-Length}, {@code Content-Type}, the
     * {@code x-amz-checksum-*} header of the checksum and {@code If-None-Match: *}: S3 refuses a request whose
     * headers differ from the signed ones (SignatureDoesNotMatch), a body whose checksum is not the header's
     * (BadDigest), and a second PUT under the key (412). The client sends the returned headers; its HTTP library
     * sets {@code Host} and {@code Content-Length}. Signing reads nothing; with a SnapStart function's session
     * credentials the URL carries their token as {@code X-Amz-Security-Token}.
     */
    @Override
    public UploadTarget uploadTarget(String key, long size, String contentType, Checksum checksum, Duration validFor) {
        PresignedPutObjectRequest presigned;
        try {
            presigned = presigner.presignPutObject(presign -> presign.signatureDuration(validFor)
                    .putObjectRequest(put -> {
                        put.bucket(bucket).key(key).contentType(contentType).contentLength(size).ifNoneMatch("*");
                        switch (checksum.algorithm()) {
                            case Checksum.CRC32C -> put.checksumCRC32C(checksum.value());
                            case Checksum.SHA256 -> put.checksumSHA256(checksum.value());
                            default -> throw new IllegalArgumentException("unsupported checksum algorithm "
                                    + checksum.algorithm());
                        }
                    }));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
            if (!HEADERS_THE_CLIENT_SETS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        try {
            return new UploadTarget(presigned.url().toURI(), headers);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the presigner made a URL that is no URI", e);
        }
    }

    /**
     * A HEAD of the key's current version with checksum mode on, which reports the full-object checksum stored with
     * a single PUT (and needs {@code kms:Decrypt} for an SSE-KMS object: docs.aws.amazon.com/sdk-for-kotlin/api/
     * latest/s3/aws.sdk.kotlin.services.s3.model/-head-object-request/checksum-mode.html). Without
     * {@code s3:ListBucket}, which the function does not have, S3 answers a missing key with 403, not 404
     * (docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html): both mean nothing is stored.
     */
    @Override
    public Optional<StoredObject> inspect(String key, String checksumAlgorithm) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(request -> request.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == FORBIDDEN) {
                return Optional.empty();
            }
            throw AwsErrors.translate(BACKEND, e);
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        if (head.versionId() == null || "null".equals(head.versionId())) {
            throw new DeploymentFaultException(BACKEND, "bucket " + bucket + " has versioning off", null);
        }
        String value = switch (checksumAlgorithm) {
            case Checksum.CRC32C -> head.checksumCRC32C();
            case Checksum.SHA256 -> head.checksumSHA256();
            default -> null;
        };
        return Optional.of(new StoredObject(head.versionId(), head.contentLength(), head.contentType(),
                value == null ? null : new Checksum(checksumAlgorithm, value)));
    }
}
