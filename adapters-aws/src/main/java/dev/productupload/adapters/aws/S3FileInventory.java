package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.internal.AwsErrors;
import dev.productupload.adapters.aws.internal.CallBudget;
import dev.productupload.adapters.aws.internal.PageTokens;
import dev.productupload.domain.port.out.FileInventory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists the versions and delete markers of a versioned bucket with ListObjectVersions, a page at a time, and erases
 * them with DeleteObject on a version id. Needs {@code s3:ListBucketVersions} on the bucket and
 * {@code s3:DeleteObjectVersion} on its objects: the reconciler's role, never the upload function's (ADR 6).
 */
public final class S3FileInventory implements FileInventory {

    private static final String BACKEND = "S3";
    /** The most keys ListObjectVersions returns in one response. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final S3Client s3;
    private final String bucket;
    private final int pageSize;

    /**
     * @param s3       a client built once per process
     * @param bucket   a bucket with versioning enabled
     * @param pageSize versions and markers per page, 1 to {@value #MAX_PAGE_SIZE}
     */
    public S3FileInventory(S3Client s3, String bucket, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE);
        }
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.pageSize = pageSize;
    }

    /**
     * A truncated response names the next key and version to list from (NextKeyMarker, NextVersionIdMarker:
     * docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html); the token carries both.
     */
    @Override
    public Page list(String prefix, String pageToken) {
        ListObjectVersionsResponse response;
        try {
            response = s3.listObjectVersions(list -> {
                list.bucket(bucket).prefix(prefix).maxKeys(pageSize)
                        .overrideConfiguration(CallBudget.forCall(BACKEND));
                if (pageToken != null) {
                    List<String> markers = PageTokens.parts(pageToken);
                    list.keyMarker(markers.get(0));
                    if (!markers.get(1).isEmpty()) {
                        list.versionIdMarker(markers.get(1));
                    }
                }
            });
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
        List<StoredVersion> versions = new ArrayList<>();
        for (ObjectVersion version : response.versions()) {
            versions.add(new StoredVersion(version.key(), version.versionId(), version.lastModified(), false));
        }
        for (DeleteMarkerEntry marker : response.deleteMarkers()) {
            versions.add(new StoredVersion(marker.key(), marker.versionId(), marker.lastModified(), true));
        }
        String next = Boolean.TRUE.equals(response.isTruncated())
                ? PageTokens.of(response.nextKeyMarker(), response.nextVersionIdMarker() == null ? ""
                : response.nextVersionIdMarker())
                : null;
        return new Page(versions, next);
    }

    /**
     * A listing of the key itself: finds the version behind a delete marker too, and needs nothing beyond the
     * listing's own permission (no read of the object, so no use of its key).
     */
    @Override
    public boolean exists(String key, String versionId) {
        try {
            for (ObjectVersion version : s3.listObjectVersionsPaginator(list -> list.bucket(bucket).prefix(key)
                    .overrideConfiguration(CallBudget.forCall(BACKEND))).versions()) {
                if (version.key().equals(key) && version.versionId().equals(versionId)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }

    /**
     * DeleteObject with a version id erases that version, or that delete marker, for good
     * (docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html).
     */
    @Override
    public void purge(String key, String versionId) {
        deleteVersion(key, versionId);
    }

    /**
     * The same call on a marker's version id removes the marker and the version below reads as current again
     * (docs.aws.amazon.com/AmazonS3/latest/userguide/ManagingDelMarkers.html).
     */
    @Override
    public void removeDeleteMarker(String key, String markerVersionId) {
        deleteVersion(key, markerVersionId);
    }

    private void deleteVersion(String key, String versionId) {
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key).versionId(versionId)
                    .overrideConfiguration(CallBudget.forCall(BACKEND)));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(BACKEND, e);
        }
    }
}
