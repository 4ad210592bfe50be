package dev.productupload.adapters.aws.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Page tokens made of two strings, opaque to the domain: each part base64url-encoded, joined with a dot. */
public final class PageTokens {

    private PageTokens() {
    }

    public static String of(String first, String second) {
        return encode(first) + "." + encode(second);
    }

    /** The two parts of a token {@link #of} made. */
    public static List<String> parts(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not a page token");
        }
        return List.of(decode(token.substring(0, dot)), decode(token.substring(dot + 1)));
    }

    private static String encode(String part) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(part.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
