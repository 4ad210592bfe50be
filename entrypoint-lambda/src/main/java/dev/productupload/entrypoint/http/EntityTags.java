package dev.productupload.entrypoint.http;

/** The entity tag of a product version, {@code "<version>"}, and the {@code If-None-Match} test (RFC 9110 13.1.2). */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether {@code ifNoneMatch} (a list of tags, weak or strong, or {@code *}) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            // If-None-Match compares weakly: W/"3" names the same version as "3".
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
