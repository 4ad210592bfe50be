package dev.productupload.adapters.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.productupload.adapters.local.internal.FileSystemLimits;
import dev.productupload.adapters.local.internal.SafePaths;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps each product version as one JSON file, {@code ROOT/products/PRODUCT_ID/VERSION.json}, so products
 * survive a restart. A version file is created at most once, complete, even with concurrent writers.
 */
public final class FileSystemProductRepository implements ProductRepository {

    private static final String BACKEND = "local product repository";
    private static final String SUFFIX = ".json";

    private final Path products;
    private final FileSystemLimits limits;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** @param root the data folder; created when missing */
    public FileSystemProductRepository(Path root) {
        this.products = root.resolve("products").toAbsolutePath().normalize();
        try {
            Files.createDirectories(products);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + products, e);
        }
        this.limits = FileSystemLimits.probe(BACKEND, products);
    }

    @Override
    public Optional<Product> findLatest(String productId) {
        Path folder = products.resolve(SafePaths.segment(productId));
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Long> latest = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - SUFFIX.length())))
                    .max(Long::compare);
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(versionFile(folder, latest.get()).toFile(), Product.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    @Override
    public void saveNewVersion(Product product) {
        Path folder = products.resolve(SafePaths.segment(product.productId()));
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".version-", ".partial");
            try {
                json.writeValue(partial.toFile(), product);
                // link() fails when the name exists: the version is claimed atomically, and only complete.
                Files.createLink(versionFile(folder, product.version()), partial);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (FileAlreadyExistsException e) {
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    private static Path versionFile(Path folder, long version) {
        return folder.resolve(version + SUFFIX);
    }
}
