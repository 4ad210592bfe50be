package dev.productupload.domain.port.in;

import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;

import java.util.Objects;

/** What an accepted upload produced: the new product version and, when a file was sent, its reference. */
public record UploadResult(Product product, FileReference file) {

    public UploadResult {
        Objects.requireNonNull(product, "product");
    }
}
