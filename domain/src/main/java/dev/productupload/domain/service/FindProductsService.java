package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidCursorException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.ListingPosition;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductFilter;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.FindProductsQuery;
import dev.productupload.domain.port.in.ProductPage;
import dev.productupload.domain.port.in.ProductSearch;
import dev.productupload.domain.port.out.ProductListing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The listing: checks the parameters, reads one page more than asked to know whether another follows. */
public final class FindProductsService implements FindProductsQuery {

    private static final String FORMAT = "p1";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Pattern PRICE = Pattern.compile("[0-9]{1," + ProductRules.PRICE_MAX.length() + "}"
            + "(\\.[0-9]{1," + ProductRules.PRICE_FRACTION_DIGITS + "})?");
    private static final BigDecimal PRICE_MAX = new BigDecimal(ProductRules.PRICE_MAX);
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");
    private static final Pattern PRODUCT_ID = Pattern.compile(ProductRules.PRODUCT_ID_PATTERN);
    private static final String PRICE_RULE = "must be a decimal " + ProductRules.PRICE_MIN + "-" + ProductRules.PRICE_MAX
            + " with at most " + ProductRules.PRICE_FRACTION_DIGITS + " decimal places, such as 10.50";

    private final ProductListing listing;

    public FindProductsService(ProductListing listing) {
        this.listing = Objects.requireNonNull(listing, "listing");
    }

    @Override
    public ProductPage find(ProductSearch search) {
        List<Violation> violations = new ArrayList<>();
        String currency = currency(search.currency(), violations);
        BigDecimal min = price("minPrice", search.minPrice(), violations);
        BigDecimal max = price("maxPrice", search.maxPrice(), violations);
        Instant since = instant(search.updatedSince(), violations);
        int limit = limit(search.limit(), violations);
        if (search.currency() == null) {
            if (search.minPrice() != null) {
                violations.add(new Violation("minPrice", "needs currency: prices in different currencies do not compare"));
            }
            if (search.maxPrice() != null) {
                violations.add(new Violation("maxPrice", "needs currency: prices in different currencies do not compare"));
            }
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            violations.add(new Violation("minPrice", "must not be above maxPrice"));
        }
        if (search.updatedSince() != null
                && (search.currency() != null || search.minPrice() != null || search.maxPrice() != null)) {
            violations.add(new Violation("updatedSince",
                    "lists by change, oldest first; it does not combine with currency, minPrice or maxPrice"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        ProductFilter filter = new ProductFilter(currency, min, max, since);
        String binding = binding(filter);
        ListingPosition after = search.cursor() == null ? null : position(filter.order(), binding, search.cursor());

        List<Product> found = listing.findLatest(filter, after, limit + 1);
        List<Product> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit
                ? SealedCursor.encode(FORMAT, binding, position(ListingPosition.after(page.get(page.size() - 1), filter.order())))
                : null;
        return new ProductPage(page, next);
    }

    private static String currency(String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        if (!CURRENCY.matcher(value).matches() || !CURRENCIES.contains(value)) {
            violations.add(new Violation("currency", "must be an ISO 4217 currency code such as USD or EUR"));
            return null;
        }
        return value;
    }

    private static BigDecimal price(String field, String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        if (!PRICE.matcher(value).matches() || new BigDecimal(value).compareTo(PRICE_MAX) > 0) {
            violations.add(new Violation(field, PRICE_RULE));
            return null;
        }
        return new BigDecimal(value).setScale(ProductRules.PRICE_FRACTION_DIGITS);
    }

    private static Instant instant(String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Violation("updatedSince", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static int limit(String value, List<Violation> violations) {
        if (value == null) {
            return ProductRules.PRODUCTS_PAGE_DEFAULT;
        }
        int limit = LIMIT.matcher(value).matches() ? Integer.parseInt(value) : 0;
        if (limit < 1 || limit > ProductRules.PRODUCTS_PAGE_MAX) {
            violations.add(new Violation("limit", "must be a whole number, 1-" + ProductRules.PRODUCTS_PAGE_MAX));
        }
        return limit;
    }

    /** The filter in one canonical line: a cursor from another filter fails the binding. */
    private static String binding(ProductFilter filter) {
        return "currency=" + Objects.toString(filter.currency(), "")
                + "&minPrice=" + (filter.minPrice() == null ? "" : filter.minPrice().toPlainString())
                + "&maxPrice=" + (filter.maxPrice() == null ? "" : filter.maxPrice().toPlainString())
                + "&updatedSince=" + Objects.toString(filter.updatedSince(), "");
    }

    private static String position(ListingPosition position) {
        return switch (position.price() != null ? 1 : position.updatedAt() != null ? 2 : 0) {
            case 1 -> position.price().toPlainString() + "\n" + position.productId();
            case 2 -> position.updatedAt() + "\n" + position.productId();
            default -> position.productId();
        };
    }

    private static ListingPosition position(ProductFilter.Order order, String binding, String cursor) {
        String sealed;
        try {
            sealed = SealedCursor.decode(FORMAT, binding, cursor);
        } catch (InvalidCursorException e) {
            throw invalidCursor();
        }
        try {
            String[] parts = sealed.split("\n", -1);
            ListingPosition position = switch (order) {
                case PRODUCT_ID -> parts.length == 1 ? new ListingPosition(parts[0], null, null) : null;
                case PRICE -> parts.length == 2 ? new ListingPosition(parts[1], new BigDecimal(parts[0]), null) : null;
                case UPDATED_AT -> parts.length == 2 ? new ListingPosition(parts[1], null, Instant.parse(parts[0])) : null;
            };
            if (position == null || !PRODUCT_ID.matcher(position.productId()).matches()) {
                throw invalidCursor();
            }
            return position;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalidCursor();
        }
    }

    private static InvalidCursorException invalidCursor() {
        return new InvalidCursorException(
                "the cursor was not issued for this listing with these filters; start again without a cursor");
    }
}
