package dev.productupload.adapters.local.internal;

import java.nio.file.Path;

/** Turns storage keys into paths below a root folder, refusing anything that would leave it. */
public final class SafePaths {

    private SafePaths() {
    }

    public static Path resolve(Path root, String key) {
        Path resolved = root;
        for (String segment : key.split("/", -1)) {
            resolved = resolved.resolve(segment(segment));
        }
        return resolved;
    }

    public static String segment(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unsafe path segment");
        }
        return segment;
    }
}
