package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductFileNotFoundException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.ProductVersionNotFoundException;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.FileDownload;
import dev.productupload.domain.port.in.ReadProductsQuery;
import dev.productupload.domain.port.in.VersionPage;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.ProductRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The read side: loads what was stored and says what is missing; never writes. */
public final class ReadProductService implements ReadProductsQuery {

    /** How long a download link works when the composition does not say. */
    public static final Duration DEFAULT_DOWNLOAD_VALIDITY = Duration.ofMinutes(5);

    private static final Pattern PRODUCT_ID = Pattern.compile(ProductRules.PRODUCT_ID_PATTERN);

    private final ProductRepository products;
    private final FileStorage files;
    private final Clock clock;
    private final Duration downloadValidity;

    public ReadProductService(ProductRepository products, FileStorage files, Clock clock) {
        this(products, files, clock, DEFAULT_DOWNLOAD_VALIDITY);
    }

    public ReadProductService(ProductRepository products, FileStorage files, Clock clock, Duration downloadValidity) {
        this.products = Objects.requireNonNull(products, "products");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (downloadValidity.isNegative() || downloadValidity.isZero()) {
            throw new IllegalArgumentException("a download link must be valid for some time");
        }
        this.downloadValidity = downloadValidity;
    }

    @Override
    public Product latest(String productId) {
        requireProductId(productId);
        return products.findLatest(productId).orElseThrow(() -> new ProductNotFoundException(productId));
    }

    @Override
    public Product version(String productId, long version) {
        requireProductId(productId);
        if (version < 1) {
            throw InvalidRequestException.of("version", "must be a whole number, 1 or more");
        }
        return products.findVersion(productId, version).orElseThrow(() -> products.findLatest(productId).isPresent()
                ? new ProductVersionNotFoundException(productId, version)
                : new ProductNotFoundException(productId));
    }

    @Override
    public VersionPage versions(String productId, int limit, String cursor) {
        requireProductId(productId);
        if (limit < 1 || limit > ProductRules.VERSIONS_PAGE_MAX) {
            throw InvalidRequestException.of("limit", "must be 1-" + ProductRules.VERSIONS_PAGE_MAX);
        }
        long before = cursor == null ? Long.MAX_VALUE : VersionCursor.decode(productId, cursor);
        List<Product> found = products.findVersionsBefore(productId, before, limit + 1);
        if (found.isEmpty() && cursor == null) {
            throw new ProductNotFoundException(productId);
        }
        List<Product> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? VersionCursor.encode(productId, page.get(page.size() - 1).version()) : null;
        return new VersionPage(page, next);
    }

    @Override
    public FileDownload download(String productId, String fileId) {
        FileReference file = latest(productId).files().stream()
                .filter(candidate -> candidate.fileId().equals(fileId))
                .findFirst()
                .orElseThrow(() -> new ProductFileNotFoundException(productId, fileId));
        Instant expiresAt = clock.instant().plus(downloadValidity);
        return new FileDownload(file, files.downloadLink(file, downloadValidity), expiresAt);
    }

    private static void requireProductId(String productId) {
        if (productId == null || !PRODUCT_ID.matcher(productId).matches()) {
            throw InvalidRequestException.of("productId", ProductRules.PRODUCT_ID_RULE);
        }
    }
}
