package dev.productupload.domain.port.in;

import dev.productupload.domain.model.Product;

import java.util.List;

/** Latest versions of products in the listing's order; {@code nextCursor} is null on the last page. */
public record ProductPage(List<Product> items, String nextCursor) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
