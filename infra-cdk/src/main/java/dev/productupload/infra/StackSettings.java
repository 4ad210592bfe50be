package dev.productupload.infra;

import software.constructs.Node;

import java.util.Arrays;
import java.util.List;

/**
 * What a deployment may choose, read from CDK context ({@code -c name=value} or {@code cdk.json}); every
 * option has a safe default.
 *
 * @param destroyOnDelete       {@code removal=destroy}: a throwaway stack whose bucket, table and key go with it
 * @param iamAuth               {@code auth=iam} (default) or {@code auth=none}
 * @param throttleRate          {@code throttleRate}, requests per second for the stage (default 1000)
 * @param throttleBurst         {@code throttleBurst} (default 2000)
 * @param logRetentionDays      {@code logRetentionDays} for function and access logs (default 30)
 * @param noncurrentVersionDays {@code noncurrentVersionDays} before replaced file versions expire (default 90)
 * @param corsOrigins           {@code corsOrigins}, comma-separated origins that may read files (default none)
 * @param alarmEmail            {@code alarmEmail} subscribed to the alarm topic (default none)
 * @param reservedConcurrency   {@code reservedConcurrency} of the function (default unset)
 * @param executionLogLevel     {@code executionLogLevel}: ERROR (default) or INFO, never with data trace
 */
public record StackSettings(
        boolean destroyOnDelete,
        boolean iamAuth,
        int throttleRate,
        int throttleBurst,
        int logRetentionDays,
        int noncurrentVersionDays,
        List<String> corsOrigins,
        String alarmEmail,
        Integer reservedConcurrency,
        String executionLogLevel) {

    public StackSettings {
        corsOrigins = List.copyOf(corsOrigins);
        if (!executionLogLevel.equals("ERROR") && !executionLogLevel.equals("INFO")) {
            throw new IllegalArgumentException("executionLogLevel must be ERROR or INFO");
        }
    }

    public static StackSettings fromContext(Node node) {
        return new StackSettings(
                choice(node, "removal", "retain", "retain", "destroy").equals("destroy"),
                choice(node, "auth", "iam", "iam", "none").equals("iam"),
                number(node, "throttleRate", 1000),
                number(node, "throttleBurst", 2000),
                number(node, "logRetentionDays", 30),
                number(node, "noncurrentVersionDays", 90),
                text(node, "corsOrigins") == null ? List.of()
                        : Arrays.stream(text(node, "corsOrigins").split(",")).map(String::strip)
                        .filter(origin -> !origin.isEmpty()).toList(),
                text(node, "alarmEmail"),
                text(node, "reservedConcurrency") == null ? null : number(node, "reservedConcurrency", 0),
                choice(node, "executionLogLevel", "ERROR", "ERROR", "INFO"));
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
