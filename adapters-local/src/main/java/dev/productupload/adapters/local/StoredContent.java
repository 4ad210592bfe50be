package dev.productupload.adapters.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * One stored file version as a local download serves it: its length, and a way to read its bytes as a stream, so
 * that a file of any size is served without holding it in memory.
 */
public record StoredContent(long length, Opener opener) {

    /** Opens the version's bytes; each call reads them from the start. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
