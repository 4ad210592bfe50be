package dev.productupload.entrypoint.http;

import java.util.Map;

/**
 * Limits of the HTTP contract. The body limit follows from the file limit: the base64 of the largest file
 * plus room for the product fields.
 */
public record ApiSettings(int maxFileBytes) {

    public static final int DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** Environment variable (Lambda) that overrides {@link #DEFAULT_MAX_FILE_BYTES}. */
    public static final String MAX_FILE_BYTES_VARIABLE = "MAX_FILE_BYTES";
    private static final int PRODUCT_FIELDS_ALLOWANCE = 256 * 1024;

    public ApiSettings {
        if (maxFileBytes < 1 || maxFileBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("the file limit must be between 1 byte and 64 MiB");
        }
    }

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_MAX_FILE_BYTES);
    }

    public static ApiSettings fromEnvironment(Map<String, String> environment) {
        String value = environment.get(MAX_FILE_BYTES_VARIABLE);
        if (value == null || value.isBlank()) {
            return defaults();
        }
        try {
            return new ApiSettings(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_FILE_BYTES_VARIABLE + " must be a whole number of bytes");
        }
    }

    public int maxBodyBytes() {
        return (int) Math.min(Integer.MAX_VALUE, 4L * ((maxFileBytes + 2L) / 3) + PRODUCT_FIELDS_ALLOWANCE);
    }
}
