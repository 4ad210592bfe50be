package dev.productupload.adapters.local;

import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductListingContract;
import dev.productupload.domain.port.out.ProductRepository;

class InMemoryProductListingTest extends ProductListingContract {

    private final InMemoryProductRepository store = new InMemoryProductRepository();

    @Override
    protected ProductRepository repository() {
        return store;
    }

    @Override
    protected ProductListing listing() {
        return store;
    }
}
