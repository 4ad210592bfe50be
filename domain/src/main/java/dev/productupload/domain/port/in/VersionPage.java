package dev.productupload.domain.port.in;

import dev.productupload.domain.model.Product;

import java.util.List;

/** Versions of one product, newest first; {@code nextCursor} is null on the last page. */
public record VersionPage(List<Product> items, String nextCursor) {

    public VersionPage {
        items = List.copyOf(items);
    }
}
