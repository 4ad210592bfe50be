package dev.productupload.entrypoint.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path template in API Gateway's resource form: literal segments and whole-segment variables
 * ({@code /products/{productId}/files/{fileId}}). Matching a received path decodes each variable once.
 */
public final class PathTemplate {

    private final String text;
    private final List<String> segments;

    private PathTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathTemplate of(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + text);
        }
        return new PathTemplate(text, split(text));
    }

    /**
     * Whether a path of this shape carries a credential: a variable named {@code token} (a signed download link).
     * Such a path is logged as its template, never as received.
     */
    public boolean carriesCredential() {
        return text.contains("{token}");
    }

    /** The template as API Gateway names the resource. */
    public String text() {
        return text;
    }

    /**
     * The decoded variables when {@code rawPath} (percent-encoded, as received) has this template's shape; empty
     * when it does not. A trailing slash is ignored.
     *
     * @throws RequestRejectedException when a variable is not valid percent-encoded UTF-8
     */
    public Optional<Map<String, String>> match(String rawPath) {
        List<String> actual = split(rawPath);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String segment = actual.get(i);
            if (isVariable(expected)) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(expected.substring(1, expected.length() - 1), PercentDecoding.decode(segment));
            } else if (!expected.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> parts = new ArrayList<>();
        int start = 1;
        while (start <= trimmed.length()) {
            int end = trimmed.indexOf('/', start);
            end = end < 0 ? trimmed.length() : end;
            parts.add(trimmed.substring(start, end));
            start = end + 1;
        }
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            return List.of();
        }
        return parts;
    }

    @Override
    public String toString() {
        return text;
    }
}
