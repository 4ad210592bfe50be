package dev.productupload.domain.port.in;

import dev.productupload.domain.model.ProductRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One upload request: an optional file ({@code fileName} and {@code fileData} together) and optional product
 * fields. Field names follow the JSON contract, so a violation's path is the request's field.
 */
public record UploadCommand(
        @Pattern(regexp = ProductRules.FILE_NAME_PATTERN,
                message = "must be 1-255 characters without '/', '\\', control characters or unpaired surrogates, and not '.' or '..'")
        String fileName,

        @Size(min = 1, message = "must hold at least one byte")
        byte[] fileData,

        @Size(max = ProductRules.CONTENT_TYPE_MAX, message = "must be at most 255 characters")
        @Pattern(regexp = ProductRules.CONTENT_TYPE_PATTERN,
                message = "must be a media type in US-ASCII such as application/pdf or text/plain; charset=utf-8")
        String contentType,

        @Valid
        ProductData productData) {

    public boolean hasFile() {
        return fileName != null || fileData != null;
    }
}
