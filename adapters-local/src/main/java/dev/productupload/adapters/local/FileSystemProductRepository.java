package dev.productupload.adapters.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.productupload.adapters.local.internal.FileSystemLimits;
import dev.productupload.adapters.local.internal.SafePaths;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps each product version as one JSON file, {@code ROOT/products/PRODUCT_ID/VERSION.json}, so products
 * survive a restart. A version file is created at most once, complete, even with concurrent writers. Listings come
 * from the latest version of each product held in memory: read from the files at the first listing, kept up to date
 * by this instance's saves (one process writes a data folder).
 */
public final class FileSystemProductRepository implements ProductRepository, ProductListing {

    private static final String BACKEND = "local product repository";
    private static final String SUFFIX = ".json";

    private final Path products;
    private final FileSystemLimits limits;
    private final Map<String, Product> latestById = new ConcurrentHashMap<>();
    private volatile boolean latestLoaded;
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
        return findVersionsBefore(productId, Long.MAX_VALUE, 1).stream().findFirst();
    }

    @Override
    public Optional<Product> findVersion(String productId, long version) {
        Path file = versionFile(products.resolve(SafePaths.segment(productId)), version);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), Product.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    @Override
    public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
        Path folder = products.resolve(SafePaths.segment(productId));
        try (Stream<Path> files = Files.list(folder)) {
            List<Long> versions = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - SUFFIX.length())))
                    .filter(version -> version < beforeVersion)
                    .sorted(Comparator.reverseOrder())
                    .limit(limit)
                    .toList();
            List<Product> found = new ArrayList<>(versions.size());
            for (long version : versions) {
                found.add(json.readValue(versionFile(folder, version).toFile(), Product.class));
            }
            return found;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
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
                keepIfLatest(product);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (FileAlreadyExistsException e) {
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        } catch (IOException e) {
            throw limits.translate(e);
        }
    }

    @Override
    public List<Product> findLatest(ProductFilter filter, ListingPosition after, int limit) {
        loadLatest();
        return filter.page(latestById.values().stream(), after, limit);
    }

    /** Reads the newest version of every product once; saves made meanwhile are kept by {@link #keepIfLatest}. */
    private void loadLatest() {
        if (latestLoaded) {
            return;
        }
        synchronized (latestById) {
            if (latestLoaded) {
                return;
            }
            try (Stream<Path> folders = Files.list(products)) {
                for (Path folder : folders.filter(Files::isDirectory).toList()) {
                    findLatest(folder.getFileName().toString()).ifPresent(this::keepIfLatest);
                }
            } catch (IOException e) {
                throw limits.translate(e);
            }
            latestLoaded = true;
        }
    }

    private void keepIfLatest(Product product) {
        latestById.merge(product.productId(), product,
                (held, offered) -> offered.version() > held.version() ? offered : held);
    }

    private static Path versionFile(Path folder, long version) {
        return folder.resolve(version + SUFFIX);
    }
}
