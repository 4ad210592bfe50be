package dev.productupload.adapters.aws.internal;

import java.util.Map;

/** A file reference inside a product item's {@code files} list. Mutable for the SDK. */
public final class FileItem {

    private String fileId;
    private String key;
    private String versionId;
    private String fileName;
    private String contentType;
    private Long size;
    private Map<String, String> checksum;
    private String uploadedAt;

    public String getFileId() {
        return fileId;
    }

    public void setFileId(String fileId) {
        this.fileId = fileId;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getVersionId() {
        return versionId;
    }

    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public Map<String, String> getChecksum() {
        return checksum;
    }

    public void setChecksum(Map<String, String> checksum) {
        this.checksum = checksum;
    }

    public String getUploadedAt() {
        return uploadedAt;
    }

    public void setUploadedAt(String uploadedAt) {
        this.uploadedAt = uploadedAt;
    }
}
