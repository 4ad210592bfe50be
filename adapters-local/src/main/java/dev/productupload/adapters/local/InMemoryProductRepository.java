package dev.productupload.adapters.local;

import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.ReferenceInventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps every version of every product in memory; a version can be written once. Lists the file references of
 * every version for a reconciler, one page per {@code pageSize} product versions, in product id order. Thread-safe.
 */
public final class InMemoryProductRepository implements ProductRepository, ReferenceInventory {

    /** Product versions per page of {@link #list}. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final ConcurrentSkipListMap<String, NavigableMap<Long, Product>> versionsById = new ConcurrentSkipListMap<>();
    private final int pageSize;

    public InMemoryProductRepository() {
        this(DEFAULT_PAGE_SIZE);
    }

    public InMemoryProductRepository(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.pageSize = pageSize;
    }

    @Override
    public Optional<Product> findLatest(String productId) {
        NavigableMap<Long, Product> versions = versionsById.get(productId);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    @Override
    public void saveNewVersion(Product product) {
        NavigableMap<Long, Product> versions =
                versionsById.computeIfAbsent(product.productId(), id -> new ConcurrentSkipListMap<>());
        if (versions.putIfAbsent(product.version(), product) != null) {
            throw VersionConflictException.versionTaken(product.productId(), product.version());
        }
    }

    /** The token is {@code productId NUL version} of the last product version of the page before. */
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
