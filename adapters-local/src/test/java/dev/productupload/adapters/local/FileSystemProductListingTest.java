package dev.productupload.adapters.local;

import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductListingContract;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemProductListingTest extends ProductListingContract {

    @TempDir
    Path root;

    private FileSystemProductRepository store;

    @Override
    protected ProductRepository repository() {
        return store();
    }

    @Override
    protected ProductListing listing() {
        return store();
    }

    private FileSystemProductRepository store() {
        if (store == null) {
            store = new FileSystemProductRepository(root);
        }
        return store;
    }

    @Test
    void listsWhatAnEarlierProcessStoredAtItsLatestVersion() {
        // given
        FileSystemProductRepository before = new FileSystemProductRepository(root);
        before.saveNewVersion(product("p-1", 1, "5.00", "EUR", T0));
        before.saveNewVersion(product("p-1", 2, "6.00", "EUR", T0.plusSeconds(1)));
        before.saveNewVersion(product("p-2", 1, "1.00", "EUR", T0));

        // when
        FileSystemProductRepository after = new FileSystemProductRepository(root);
        after.saveNewVersion(product("p-3", 1, "2.00", "EUR", T0));
        List<Product> listed = after.findLatest(ProductFilter.ALL, null, 10);

        // then
        assertThat(listed).extracting(Product::productId).containsExactly("p-1", "p-2", "p-3");
        assertThat(listed.get(0).version()).isEqualTo(2);
    }
}
