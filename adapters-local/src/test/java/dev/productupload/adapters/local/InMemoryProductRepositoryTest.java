package dev.productupload.adapters.local;

import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.ProductRepositoryContract;

class InMemoryProductRepositoryTest extends ProductRepositoryContract {

    private final InMemoryProductRepository repository = new InMemoryProductRepository();

    @Override
    protected ProductRepository repository() {
        return repository;
    }
}
