package dev.productupload.domain.model;

import dev.productupload.domain.exception.FileLimitExceededException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version of a product: every accepted change produces a new version with the whole product in it.
 * {@code description} may be null; {@code attributes} and {@code files} are never null; {@code price} has
 * two decimal places.
 */
public record Product(
        String productId,
        String productName,
        BigDecimal price,
        String currency,
        String description,
        Map<String, String> attributes,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<FileReference> files) {

    public Product {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        // Two decimals always, so a price reads the same whichever store normalised it (DynamoDB drops zeros).
        price = price.scale() < ProductRules.PRICE_FRACTION_DIGITS ? price.setScale(ProductRules.PRICE_FRACTION_DIGITS) : price;
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
        // Sorted, so that every representation of a product lists its attributes in the same order.
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
        files = files == null ? List.of() : List.copyOf(files);
        if (files.size() > ProductRules.FILES_MAX) {
            throw new FileLimitExceededException(productId, ProductRules.FILES_MAX);
        }
    }

    /** This product with one more file; fails when the product already has the maximum number of files. */
    public Product withFile(FileReference file) {
        if (files.size() >= ProductRules.FILES_MAX) {
            throw new FileLimitExceededException(productId, ProductRules.FILES_MAX);
        }
        List<FileReference> more = new ArrayList<>(files);
        more.add(file);
        return new Product(productId, productName, price, currency, description, attributes,
                version, createdAt, updatedAt, more);
    }

    public boolean canTakeAnotherFile() {
        return files.size() < ProductRules.FILES_MAX;
    }
}
