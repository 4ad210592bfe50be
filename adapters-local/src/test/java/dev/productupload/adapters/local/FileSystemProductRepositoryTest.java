package dev.productupload.adapters.local;

import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.ProductRepositoryContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemProductRepositoryTest extends ProductRepositoryContract {

    @TempDir
    Path root;

    @Override
    protected ProductRepository repository() {
        return new FileSystemProductRepository(root);
    }

    @Test
    void keepsProductsAcrossARestart() {
        // given
        new FileSystemProductRepository(root).saveNewVersion(version("p-1", 1, "0.30"));

        // when
        Product read = new FileSystemProductRepository(root).findLatest("p-1").orElseThrow();

        // then
        assertThat(read).isEqualTo(version("p-1", 1, "0.30"));
    }

    @Test
    void leavesNoPartialFilesBehind() throws Exception {
        // given
        ProductRepository repository = repository();

        // when
        repository.saveNewVersion(version("p-1", 1, "1.00"));

        // then
        try (Stream<Path> files = Files.list(root.resolve("products").resolve("p-1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("1.json");
        }
    }
}
