package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.function.UnaryOperator;

/**
 * Reads a JSON document into a tree with one string field of the root object taken out as bytes, so a large value
 * (an event's body, an inline file) is never built as a {@code String} and copied again; the tree shows an empty
 * string in its place.
 * <p>
 * Where {@link JsonStringBytes} finds the field's value and can read it exactly, the parser reads the document
 * without that value's content, and never scans it: the value's bytes come from the document. The parser must
 * then meet the field where it was found, or the whole document is read again as below, so syntax errors,
 * duplicate keys and their locations are always the parser's own. Elsewhere the parser reads the whole document and
 * its text of the field becomes the bytes.
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

    /**
     * The document's tree (null for an empty document) and the field's bytes, null when the field is absent, null
     * or no string; the bytes may be a view of the document.
     */
    public record Read(JsonNode tree, ByteBuffer value) {

        /** The field's bytes in an array of their own. */
        public byte[] bytes() {
            return value == null ? null : arrayOf(value);
        }
    }

    /** The bytes of {@code buffer}: its array where it is all of it, else a copy; the buffer is left as it was. */
    static byte[] arrayOf(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /**
     * Reads {@code document} with {@code json}'s parser, wrapped by {@code wrap}; throws what that parser throws
     * on the whole document.
     */
    public static Read read(ObjectMapper json, byte[] document, String field, Encoding encoding,
                            UnaryOperator<JsonParser> wrap) throws IOException {
        int quote = JsonStringBytes.rootFieldValue(document, field);
        JsonStringBytes.Content content = quote < 0 ? null : JsonStringBytes.read(document, quote, encoding);
        if (content != null) {
            // The document without the value's content: its bytes up to the opening quote, then from the closing one.
            int tail = document.length - content.closingQuote();
            byte[] rest = Arrays.copyOf(document, quote + 1 + tail);
            System.arraycopy(document, content.closingQuote(), rest, quote + 1, tail);
            try (RootFieldBytes parser = new RootFieldBytes(wrap.apply(json.createParser(rest)), field, encoding, quote)) {
                JsonNode tree = json.readTree(parser);
                if (parser.metAtQuote) {
                    return new Read(tree, content.bytes());
                }
            } catch (IOException | RuntimeException e) {
                // The whole document, read below, fails as it fails, where it fails.
            }
        }
        try (RootFieldBytes parser = new RootFieldBytes(wrap.apply(json.createParser(document)), field, encoding, -1)) {
            JsonNode tree = json.readTree(parser);
            return new Read(tree, parser.value);
        }
    }

    private final String field;
    private final Encoding encoding;
    private final long expectedQuote;
    private boolean met;
    private boolean metAtQuote;
    private ByteBuffer value;

    /** Meets the field where {@code expectedQuote} says its value's content was taken out, or reads its text (-1). */
    private RootFieldBytes(JsonParser parser, String field, Encoding encoding, long expectedQuote) {
        super(parser);
        this.field = field;
        this.encoding = encoding;
        this.expectedQuote = expectedQuote;
    }

    @Override
    public String getText() throws IOException {
        if (!isTheField()) {
            return super.getText();
        }
        if (expectedQuote >= 0) {
            // The first meeting decides, as the first value's text would be the bytes below.
            if (!met) {
                met = true;
                metAtQuote = delegate.currentTokenLocation().getByteOffset() == expectedQuote;
            }
        } else if (value == null) {
            value = ByteBuffer.wrap(text());
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

    private byte[] text() throws IOException {
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
