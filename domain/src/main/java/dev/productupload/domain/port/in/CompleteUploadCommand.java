package dev.productupload.domain.port.in;

import jakarta.validation.Valid;

/**
 * Completes a staged upload of {@code productId}: its stored file joins the product as a new version, with the
 * optional {@code productData} applied under the same rules as an upload ({@code expectedVersion} included; the
 * fields of a new product are required when the product does not exist yet).
 */
public record CompleteUploadCommand(String productId, String uploadId, @Valid ProductData productData) {
}
