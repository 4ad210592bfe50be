package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps every version of every product in memory; a version can be written once. Holds at most a cap of versions
 * ({@value #DEFAULT_MAX_VERSIONS} by default): past it a save is refused as "storage full" rather than growing
 * until the JVM runs out of heap. Thread-safe.
 */
public final class InMemoryProductRepository implements ProductRepository {

    /** A version with 100 file references and 50 long attributes is about 100 KB: 20 000 stay near 2 GiB at worst. */
    public static final int DEFAULT_MAX_VERSIONS = 20_000;
    private static final String BACKEND = "in-memory product repository";

    private final Map<String, NavigableMap<Long, Product>> versionsById = new ConcurrentHashMap<>();
    private final int maxVersions;
    private final AtomicInteger versions = new AtomicInteger();

    public InMemoryProductRepository() {
        this(DEFAULT_MAX_VERSIONS);
    }

    /** @param maxVersions the most product versions held at once */
    public InMemoryProductRepository(int maxVersions) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be 1 or more");
        }
        this.maxVersions = maxVersions;
    }

    @Override
    public Optional<Product> findLatest(String productId) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    /** @throws StorageFullException when the repository holds its cap of versions; nothing is kept then */
    @Override
    public void saveNewVersion(Product product) {
        if (versions.incrementAndGet() > maxVersions) {
            versions.decrementAndGet();
            throw new StorageFullException(BACKEND, "it holds at most " + maxVersions + " product versions");
        }
        NavigableMap<Long, Product> stored =
                versionsById.computeIfAbsent(product.productId(), id -> new ConcurrentSkipListMap<>());
        if (stored.putIfAbsent(product.version(), product) != null) {
            versions.decrementAndGet();
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        }
    }

    /** Every stored version of a product, oldest first. */
    public List<Product> history(String productId) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The number of stored versions across all products. */
    public int versionCount() {
        return versionsById.values().stream().mapToInt(Map::size).sum();
    }
}
