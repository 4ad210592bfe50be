package dev.productupload.adapters.local;

import dev.productupload.domain.port.out.ProductRepository;

class InMemoryProductRepositoryTest extends ProductRepositoryContract {

    @Override
    ProductRepository repository() {
        return new InMemoryProductRepository();
    }
}
