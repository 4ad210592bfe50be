package dev.productupload.adapters.local;

import dev.productupload.domain.exception.StorageFullException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.ReferenceInventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps every version of every product in memory; a version can be written once. Holds at most a cap of versions
 * ({@value #DEFAULT_MAX_VERSIONS} by default): past it a save is refused as "storage full" rather than growing
 * until the JVM runs out of heap. Lists the file references of every version for a reconciler, one page per
 * {@code pageSize} product versions, in product id order. Lists the latest versions by sorting them all for each
 * page, which the cap keeps cheap. Thread-safe.
 */
public final class InMemoryProductRepository implements ProductRepository, ProductListing, ReferenceInventory {

    /** Product versions per page of {@link #list}. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    /** A version with 100 file references and 50 long attributes is about 100 KB: 20 000 stay near 2 GiB at worst. */
    public static final int DEFAULT_MAX_VERSIONS = 20_000;
    private static final String BACKEND = "in-memory product repository";

    private final ConcurrentSkipListMap<String, NavigableMap<Long, Product>> versionsById = new ConcurrentSkipListMap<>();
    private final int maxVersions;
    private final int pageSize;
    private final AtomicInteger versions = new AtomicInteger();

    public InMemoryProductRepository() {
        this(DEFAULT_MAX_VERSIONS);
    }

    /** @param maxVersions the most product versions held at once */
    public InMemoryProductRepository(int maxVersions) {
        this(maxVersions, DEFAULT_PAGE_SIZE);
    }

    /**
     * @param maxVersions the most product versions held at once
     * @param pageSize    product versions per page of {@link #list}
     */
    public InMemoryProductRepository(int maxVersions, int pageSize) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be 1 or more");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.maxVersions = maxVersions;
        this.pageSize = pageSize;
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

    @Override
    public List<Product> findLatest(ProductFilter filter, ListingPosition after, int limit) {
        return filter.page(versionsById.values().stream().map(NavigableMap::lastEntry).filter(Objects::nonNull)
                .map(Map.Entry::getValue), after, limit);
    }

    /** The token is {@code productId NUL version} of the first product version of the next page, less one. */
    @Override
    public Page list(String pageToken) {
        String afterId = null;
        long afterVersion = 0;
        if (pageToken != null) {
            int separator = pageToken.lastIndexOf('\0');
            afterId = pageToken.substring(0, separator);
            afterVersion = Long.parseLong(pageToken.substring(separator + 1));
        }
        var products = afterId == null ? versionsById : versionsById.tailMap(afterId, true);
        List<Reference> references = new ArrayList<>();
        int taken = 0;
        for (var entry : products.entrySet()) {
            var versions = entry.getKey().equals(afterId) ? entry.getValue().tailMap(afterVersion, false) : entry.getValue();
            for (Product product : versions.values()) {
                if (taken == pageSize) {
                    return new Page(references, entry.getKey() + '\0' + (product.version() - 1));
                }
                taken++;
                for (FileReference file : product.files()) {
                    references.add(new Reference(product.productId(), product.version(), file.key(), file.versionId()));
                }
            }
        }
        return new Page(references, null);
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
