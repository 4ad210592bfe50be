package dev.productupload.domain.port.in;

import dev.productupload.domain.model.ProductRules;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The product fields of an upload request. Every field may be absent (null): absent fields of an existing
 * product keep their stored value. {@code productName} is stored trimmed.
 */
public record ProductData(
        @Pattern(regexp = ProductRules.PRODUCT_ID_PATTERN, message = ProductRules.PRODUCT_ID_RULE)
        String productId,

        @Size(min = 1, max = ProductRules.PRODUCT_NAME_MAX, message = "must be 1-200 characters, not blank")
        @Pattern(regexp = ProductRules.NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String productName,

        @DecimalMin(value = ProductRules.PRICE_MIN, message = "must be 0 or more")
        @DecimalMax(value = ProductRules.PRICE_MAX, message = "must be at most 1000000000")
        @Digits(integer = ProductRules.PRICE_INTEGER_DIGITS, fraction = ProductRules.PRICE_FRACTION_DIGITS,
                message = "must have at most 2 decimal places")
        BigDecimal price,

        @CurrencyCode
        String currency,

        @Size(max = ProductRules.DESCRIPTION_MAX, message = "must be at most 4000 characters")
        String description,

        @Size(max = ProductRules.ATTRIBUTES_MAX, message = "must have at most 50 entries")
        Map<@NotNull @Size(min = 1, max = ProductRules.ATTRIBUTE_KEY_MAX, message = "keys must be 1-64 characters") String,
            @NotNull(message = "must be a string") @Size(max = ProductRules.ATTRIBUTE_VALUE_MAX, message = "must be at most 1024 characters") String>
        attributes,

        @Positive(message = "must be 1 or more")
        Long expectedVersion) {

    public ProductData {
        productName = productName == null ? null : productName.strip();
        // A negative scale (1E+2) is the same amount as its plain form; store the plain one.
        price = price != null && price.scale() < 0 ? price.setScale(0) : price;
        attributes = attributes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Product data that only names a product. */
    public static ProductData ofId(String productId) {
        return new ProductData(productId, null, null, null, null, null, null);
    }

    /** Whether any field besides {@code productId} and {@code expectedVersion} is present. */
    public boolean hasChanges() {
        return productName != null || price != null || currency != null || description != null || attributes != null;
    }
}
