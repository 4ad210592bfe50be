package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parser that reads one string field of the root object straight into bytes and shows the tree an empty string
 * in its place, so a large value (an event's body, an inline file) is never built as a {@code String} and copied
 * again. Everything else, syntax errors and duplicate keys included, is the wrapped parser's.
 */
public final class RootFieldBytes extends JsonParserDelegate {

    /** How the field's characters become bytes. */
    public enum Encoding {
        /** As {@link String#getBytes} with UTF-8 would encode them (an unpaired surrogate becomes {@code ?}). */
        UTF_8,
        /**
         * One byte per UTF-16 character, so as many bytes as the text has characters: the character itself up to
         * U+00FF, else {@code ?} (where {@link String#getBytes} with ISO-8859-1 makes one {@code ?} of a pair).
         */
        LATIN_1
    }

    private final String field;
    private final Encoding encoding;
    private byte[] bytes;

    public RootFieldBytes(JsonParser parser, String field, Encoding encoding) {
        super(parser);
        this.field = field;
        this.encoding = encoding;
    }

    /** The field's bytes once the parser has passed it as a string, else null (absent, null or not a string). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String getText() throws IOException {
        if (!isTheField()) {
            return super.getText();
        }
        if (bytes == null) {
            bytes = read();
        }
        return "";
    }

    private boolean isTheField() {
        if (delegate.currentToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        JsonStreamContext context = delegate.getParsingContext();
        return context.inObject() && context.getParent().inRoot() && field.equals(context.getCurrentName());
    }

    private byte[] read() throws IOException {
        // The length in characters is the length in bytes of ASCII text: the sink is sized once for the usual case.
        Sink sink = new Sink(delegate.getTextLength());
        if (encoding == Encoding.UTF_8) {
            try (Writer writer = new OutputStreamWriter(sink, StandardCharsets.UTF_8)) {
                delegate.getText(writer);
            }
        } else {
            delegate.getText(new Latin1Writer(sink));
        }
        return sink.toByteArray();
    }

    /** Bytes in one array, handed over without a copy when it was sized right. */
    private static final class Sink extends OutputStream {
        private byte[] buffer;
        private int count;

        Sink(int expected) {
            buffer = new byte[Math.max(expected, 16)];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        void ensure(int more) {
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
            }
        }

        byte[] toByteArray() {
            return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
        }
    }

    private static final class Latin1Writer extends Writer {
        private final Sink sink;
        // Stops at each character it cannot map, reported, so each of them becomes one '?' of its own; its
        // array loop is the JDK's vectorized ISO-8859-1 encoding.
        private final CharsetEncoder encoder = StandardCharsets.ISO_8859_1.newEncoder();

        Latin1Writer(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            sink.ensure(len);
            CharBuffer in = CharBuffer.wrap(chars, off, len);
            ByteBuffer out = ByteBuffer.wrap(sink.buffer, sink.count, len);
            while (in.hasRemaining()) {
                CoderResult result = encoder.encode(in, out, false);
                // Unmappable or malformed: that many characters; underflow with characters left: a high
                // surrogate at the end of this chunk, which is no character of ISO-8859-1 either.
                if (result.isOverflow()) {
                    throw new IllegalStateException("one byte per character cannot overflow");
                }
                int skipped = result.isError() ? result.length() : in.remaining();
                for (int i = 0; i < skipped; i++) {
                    out.put((byte) '?');
                }
                in.position(in.position() + skipped);
            }
            sink.count = out.position();
        }

        @Override
        public void write(String text, int off, int len) {
            write(text.toCharArray(), off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
