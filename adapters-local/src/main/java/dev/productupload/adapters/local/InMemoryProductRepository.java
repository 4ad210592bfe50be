package dev.productupload.adapters.local;

import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.out.ProductRepository;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps every version of every product in memory; a version can be written once. Thread-safe. */
public final class InMemoryProductRepository implements ProductRepository {

    private final Map<String, NavigableMap<Long, Product>> versionsById = new ConcurrentHashMap<>();

    @Override
    public Optional<Product> findLatest(String productId) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    @Override
    public Optional<Product> findVersion(String productId, long version) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null ? List.of()
                : versions.headMap(beforeVersion, false).descendingMap().values().stream().limit(limit).toList();
    }

    @Override
    public void saveNewVersion(Product product) {
        NavigableMap<Long, Product> versions =
                versionsById.computeIfAbsent(product.productId(), id -> new ConcurrentSkipListMap<>());
        if (versions.putIfAbsent(product.version(), product) != null) {
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
