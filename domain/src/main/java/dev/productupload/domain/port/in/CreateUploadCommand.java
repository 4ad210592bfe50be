package dev.productupload.domain.port.in;

import dev.productupload.domain.model.ProductRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request for a staged upload: the file the client is about to send straight to storage, announced by name,
 * type, size and checksum, for a product that may not exist yet. Field names follow the JSON contract.
 */
public record CreateUploadCommand(
        @NotNull(message = "is required")
        @Pattern(regexp = ProductRules.PRODUCT_ID_PATTERN, message = ProductRules.PRODUCT_ID_RULE)
        String productId,

        @NotNull(message = "is required")
        @Pattern(regexp = ProductRules.FILE_NAME_PATTERN,
                message = "must be 1-255 characters without '/', '\\', control characters or unpaired surrogates, and not '.' or '..'")
        String fileName,

        @Size(max = ProductRules.CONTENT_TYPE_MAX, message = "must be at most 255 characters")
        @Pattern(regexp = ProductRules.CONTENT_TYPE_PATTERN,
                message = "must be a media type in US-ASCII such as application/pdf or text/plain; charset=utf-8")
        String contentType,

        @NotNull(message = "is required")
        Long size,

        @NotNull(message = "is required")
        @Valid
        AnnouncedChecksum checksum) {

    /** The checksum the client computed over the whole file, which storage verifies on the PUT. */
    public record AnnouncedChecksum(
            @NotNull(message = "is required")
            @Pattern(regexp = "^(CRC32C|SHA256)$", message = "must be CRC32C or SHA256")
            String algorithm,

            @NotNull(message = "is required")
            String value) {
    }
}
