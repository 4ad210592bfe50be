package dev.productupload.infra;

import software.constructs.Node;

import java.util.Arrays;
import java.util.List;

/**
 * What a deployment may choose, read from CDK context ({@code -c name=value} or {@code cdk.json}); every
 * option has a safe default.
 *
 * @param destroyOnDelete        {@code removal=destroy}: a throwaway stack whose bucket, table and key go with it
 * @param iamAuth                {@code auth=iam} (default) or {@code auth=none}
 * @param throttleRate           {@code throttleRate}, requests per second for the stage (default 1000)
 * @param throttleBurst          {@code throttleBurst} (default 2000)
 * @param logRetentionDays       {@code logRetentionDays} for the function's and the execution logs (default 30)
 * @param accessLogRetentionDays {@code accessLogRetentionDays} for the API's access logs (default 365)
 * @param noncurrentVersionDays  {@code noncurrentVersionDays} before replaced file versions expire (default 90)
 * @param corsOrigins            {@code corsOrigins}, comma-separated origins that may read files (default none)
 * @param alarmEmail             {@code alarmEmail} subscribed to the alarm topic (default none)
 * @param p99DurationMs          {@code p99DurationMs}, the function's p99 duration the concurrency is sized from
 *                               (default 500)
 * @param reservedConcurrency    {@code reservedConcurrency} of the function: a number, or {@code none}; default
 *                               {@link #sizedConcurrency(int, int)} of the throttle rate and the p99 duration
 * @param executionLogLevel      {@code executionLogLevel}: ERROR (default) or INFO, never with data trace
 * @param webAclArn              {@code webAclArn} of a regional WAF web ACL to associate with the stage (default none)
 * @param wafRateLimit           {@code wafRateLimit}: with {@code auth=none} and no {@code webAclArn}, requests
 *                               per client IP per 5 minutes that the stack's own web ACL allows (default 1000)
 * @param listingIndexes         {@code listingIndexes}: how many of the product table's three listing indexes to
 *                               have, 1-3 (default 3). CloudFormation adds one index per table update, so a stack
 *                               made before them is deployed with 1, then 2, then 3 (docs/deploy.md)
 */
public record StackSettings(
        boolean destroyOnDelete,
        boolean iamAuth,
        int throttleRate,
        int throttleBurst,
        int logRetentionDays,
        int accessLogRetentionDays,
        int noncurrentVersionDays,
        List<String> corsOrigins,
        String alarmEmail,
        int p99DurationMs,
        Integer reservedConcurrency,
        String executionLogLevel,
        String webAclArn,
        int wafRateLimit,
        int listingIndexes) {

    /** Default of {@code p99DurationMs}: a 4 MiB upload's p99 in docs/benchmarks.md is 0.16-0.32 s, with headroom. */
    public static final int DEFAULT_P99_DURATION_MS = 500;

    public StackSettings {
        corsOrigins = List.copyOf(corsOrigins);
        if (!executionLogLevel.equals("ERROR") && !executionLogLevel.equals("INFO")) {
            throw new IllegalArgumentException("executionLogLevel must be ERROR or INFO");
        }
        if (reservedConcurrency != null && reservedConcurrency < 1) {
            throw new IllegalArgumentException("context reservedConcurrency must be at least 1 (0 would refuse every "
                    + "request), or none");
        }
        if (listingIndexes < 1 || listingIndexes > Storage.LISTING_INDEXES.size()) {
            throw new IllegalArgumentException("context listingIndexes must be 1-" + Storage.LISTING_INDEXES.size());
        }
        if (wafRateLimit < 10) {
            throw new IllegalArgumentException("context wafRateLimit must be at least 10, the smallest limit a WAF "
                    + "rate-based rule takes");
        }
    }

    /**
     * Concurrency the stage throttle can keep busy: by Little's law, requests per second times seconds per request,
     * rounded up. Reserving it keeps one API from taking the whole account's concurrency.
     */
    public static int sizedConcurrency(int throttleRate, int p99DurationMs) {
        return (int) Math.max(1, ((long) throttleRate * p99DurationMs + 999) / 1000);
    }

    /** The stage gets a WAF web ACL: the one given, or the stack's own rate-based one when the API is open. */
    public boolean hasWebAcl() {
        return webAclArn != null || !iamAuth;
    }

    public static StackSettings fromContext(Node node) {
        int throttleRate = number(node, "throttleRate", 1000);
        int p99DurationMs = number(node, "p99DurationMs", DEFAULT_P99_DURATION_MS);
        String concurrency = text(node, "reservedConcurrency");
        return new StackSettings(
                choice(node, "removal", "retain", "retain", "destroy").equals("destroy"),
                choice(node, "auth", "iam", "iam", "none").equals("iam"),
                throttleRate,
                number(node, "throttleBurst", 2000),
                number(node, "logRetentionDays", 30),
                number(node, "accessLogRetentionDays", 365),
                number(node, "noncurrentVersionDays", 90),
                text(node, "corsOrigins") == null ? List.of()
                        : Arrays.stream(text(node, "corsOrigins").split(",")).map(String::strip)
                        .filter(origin -> !origin.isEmpty()).toList(),
                text(node, "alarmEmail"),
                p99DurationMs,
                concurrency == null ? Integer.valueOf(sizedConcurrency(throttleRate, p99DurationMs))
                        : concurrency.equals("none") ? null : Integer.valueOf(number(node, "reservedConcurrency", 0)),
                choice(node, "executionLogLevel", "ERROR", "ERROR", "INFO"),
                text(node, "webAclArn"),
                number(node, "wafRateLimit", 1000),
                number(node, "listingIndexes", Storage.LISTING_INDEXES.size()));
    }

    private static String text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static int number(Node node, String key, int fallback) {
        String value = text(node, key);
        if (value == null) {
            return fallback;
        }
        try {
            return new java.math.BigDecimal(value).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, not '" + value + "'");
        }
    }

    private static String choice(Node node, String key, String fallback, String... allowed) {
        String value = text(node, key);
        if (value == null) {
            return fallback;
        }
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException("context " + key + " must be one of " + Arrays.toString(allowed)
                    + ", not '" + value + "'");
        }
        return value;
    }
}
