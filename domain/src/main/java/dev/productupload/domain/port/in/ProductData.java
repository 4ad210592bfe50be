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
        @Pattern(regexp = ProductRules.NO_CONTROL_CHARACTERS, message = ProductRules.NO_CONTROL_CHARACTERS_MESSAGE)
        String productName,

        @DecimalMin(value = ProductRules.PRICE_MIN, message = "must be 0 or more")
        @DecimalMax(value = ProductRules.PRICE_MAX, message = "must be at most " + ProductRules.PRICE_MAX)
        // Only the decimal places: the size of the amount is DecimalMax's to judge, in its own words.
        @Digits(integer = Integer.MAX_VALUE, fraction = ProductRules.PRICE_FRACTION_DIGITS,
                message = "must have at most " + ProductRules.PRICE_FRACTION_DIGITS + " decimal places")
        BigDecimal price,

        @CurrencyCode
        String currency,

        @Size(max = ProductRules.DESCRIPTION_MAX, message = "must be at most 4000 characters")
        @Pattern(regexp = ProductRules.TEXT, message = ProductRules.TEXT_MESSAGE)
        String description,

        @Size(max = ProductRules.ATTRIBUTES_MAX, message = "must have at most 50 entries")
        Map<@NotNull(message = "keys must not be null") @Size(min = 1, max = ProductRules.ATTRIBUTE_KEY_MAX, message = "keys must be 1-64 characters")
            @Pattern(regexp = ProductRules.NO_CONTROL_CHARACTERS, message = "keys " + ProductRules.NO_CONTROL_CHARACTERS_MESSAGE) String,
            @NotNull(message = "must be a string") @Size(max = ProductRules.ATTRIBUTE_VALUE_MAX, message = "must be at most 1024 characters")
            @Pattern(regexp = ProductRules.TEXT, message = ProductRules.TEXT_MESSAGE) String>
        attributes,

        @Positive(message = "must be 1 or more")
        Long expectedVersion) {

    public ProductData {
        productName = productName == null ? null : productName.strip();
        // A negative scale (1E+2) is the same amount as its plain form; store the plain one. Only for an amount
        // within reach: expanding 1E+999999999 would take minutes, and the rules refuse it as it is.
        price = price != null && price.scale() < 0 && withinPriceDigits(price) ? price.setScale(0) : price;
        attributes = attributes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    private static boolean withinPriceDigits(BigDecimal price) {
        return (long) price.precision() - price.scale() <= ProductRules.PRICE_MAX.length();
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
