package dev.productupload.entrypoint.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON string's bytes read straight from the UTF-8 document that holds it, as {@link RootFieldBytes} would
 * encode the parser's text, without the parser building that text first. It reads only what it can read exactly:
 * the short escapes, {@code \\u} escapes, well-formed UTF-8 (RFC 3629), and printable ASCII. For anything else
 * (a control character, an unknown escape, overlong or surrogate UTF-8, the end of the document, and for
 * {@link RootFieldBytes.Encoding#LATIN_1} any character beyond ASCII) it answers null and the parser's own reading
 * decides, error messages included.
 */
final class JsonStringBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final int UNSURE = -1;

    private JsonStringBytes() {
    }

    /**
     * Where the value of the root object's member {@code field} opens, if it is a string: the index of its opening
     * quote, found by reading the members before it as JSON's grammar lays them out; -1 when it is not there, not a
     * string, or the document does not read plainly up to it (a key with an escape, a syntax error).
     */
    static int rootFieldValue(byte[] document, String field) {
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        int at = whitespace(document, 0);
        if (at >= document.length || document[at] != '{') {
            return -1;
        }
        while (true) {
            at = whitespace(document, at + 1);
            if (at >= document.length || document[at] != '"') {
                return -1;
            }
            int keyEnd = stringEnd(document, at);
            if (keyEnd < 0) {
                return -1;
            }
            boolean match = Arrays.equals(document, at + 1, keyEnd, name, 0, name.length);
            at = whitespace(document, keyEnd + 1);
            if (at >= document.length || document[at] != ':') {
                return -1;
            }
            at = whitespace(document, at + 1);
            if (match) {
                return at < document.length && document[at] == '"' ? at : -1;
            }
            at = whitespace(document, valueEnd(document, at));
            if (at >= document.length || document[at] != ',') {
                return -1;
            }
        }
    }

    /** The content of the string whose opening quote is at an index, and the index of its closing quote. */
    record Content(ByteBuffer bytes, int closingQuote) {
    }

    /**
     * The content of the string whose opening quote is {@code source[quote]}: a view of {@code source} when its
     * bytes are the content as they stand, else an array of its own; null where the parser has to read it.
     */
    static Content read(byte[] source, int quote, RootFieldBytes.Encoding encoding) {
        Walk walk = new Walk(source, encoding == RootFieldBytes.Encoding.LATIN_1);
        int closingQuote = walk.toClosingQuote(quote + 1);
        if (closingQuote < 0) {
            return null;
        }
        return new Content(walk.out == null ? ByteBuffer.wrap(source, quote + 1, walk.length).slice()
                : ByteBuffer.wrap(walk.out, 0, walk.length), closingQuote);
    }

    private static int whitespace(byte[] document, int from) {
        int at = from;
        while (at < document.length && (document[at] == ' ' || document[at] == '\t' || document[at] == '\n'
                || document[at] == '\r')) {
            at++;
        }
        return at;
    }

    /** The index of the closing quote of the string that opens at {@code quote}, or -1; escapes are stepped over. */
    private static int stringEnd(byte[] document, int quote) {
        int at = quote + 1;
        while (true) {
            at = plainRun(document, at);
            if (at >= document.length) {
                return -1;
            }
            if (document[at] == '"') {
                return at;
            }
            at += document[at] == '\\' ? 2 : 1;
        }
    }

    /** The index just past the value that starts at {@code from}, by its brackets and strings alone. */
    private static int valueEnd(byte[] document, int from) {
        int at = from;
        int depth = 0;
        while (at < document.length) {
            byte b = document[at];
            if (b == '"') {
                int end = stringEnd(document, at);
                if (end < 0) {
                    return document.length;
                }
                at = end + 1;
                if (depth == 0) {
                    return at;
                }
            } else if (b == '{' || b == '[') {
                depth++;
                at++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return at;
                }
                depth--;
                at++;
                if (depth == 0) {
                    return at;
                }
            } else if (depth == 0 && (b == ',' || b == ' ' || b == '\t' || b == '\n' || b == '\r')) {
                return at;
            } else {
                at++;
            }
        }
        return at;
    }

    /**
     * One pass over the string. The content is the source's bytes until the first escape; from there on it is
     * written into an array of its own, sized for the rest of the source.
     */
    private static final class Walk {
        private final byte[] source;
        private final boolean asciiOnly;
        private byte[] out;
        private int length;

        Walk(byte[] source, boolean asciiOnly) {
            this.source = source;
            this.asciiOnly = asciiOnly;
        }

        /** Walks from {@code start}; the index of the closing quote, or -1 where the parser has to read the string. */
        int toClosingQuote(int start) {
            int at = start;
            while (true) {
                int run = plainRun(source, at);
                copy(at, run - at);
                at = run;
                if (at >= source.length) {
                    return -1;
                }
                int b = source[at] & 0xFF;
                if (b == '"') {
                    return at;
                }
                int consumed;
                if (b == '\\') {
                    if (out == null) {
                        out = new byte[source.length - start];
                        System.arraycopy(source, start, out, 0, length);
                    }
                    consumed = escape(at);
                } else if (b >= 0x80 && !asciiOnly) {
                    consumed = utf8Length(source, at);
                    if (consumed != UNSURE) {
                        copy(at, consumed);
                    }
                } else {
                    // a control character, which JSON does not allow unescaped, or beyond ASCII where only ASCII is read
                    consumed = UNSURE;
                }
                if (consumed == UNSURE) {
                    return -1;
                }
                at += consumed;
            }
        }

        private void copy(int at, int count) {
            if (out != null) {
                System.arraycopy(source, at, out, length, count);
            }
            length += count;
        }

        /** Reads the escape at {@code source[at]} and writes what it stands for; answers the bytes it took. */
        private int escape(int at) {
            if (at + 1 >= source.length) {
                return UNSURE;
            }
            int c;
            int consumed = 2;
            switch (source[at + 1]) {
                case '"' -> c = '"';
                case '\\' -> c = '\\';
                case '/' -> c = '/';
                case 'b' -> c = '\b';
                case 'f' -> c = '\f';
                case 'n' -> c = '\n';
                case 'r' -> c = '\r';
                case 't' -> c = '\t';
                case 'u' -> {
                    c = hex4(source, at + 2);
                    consumed = 6;
                }
                default -> c = UNSURE;
            }
            if (c == UNSURE || asciiOnly && c >= 0x80) {
                return UNSURE;
            }
            if (Character.isHighSurrogate((char) c) && at + 11 < source.length
                    && source[at + 6] == '\\' && source[at + 7] == 'u') {
                int low = hex4(source, at + 8);
                if (low != UNSURE && Character.isLowSurrogate((char) low)) {
                    c = Character.toCodePoint((char) c, (char) low);
                    consumed = 12;
                }
            }
            // An unpaired surrogate becomes '?', as the JDK's UTF-8 encoder replaces it.
            encode(c <= 0xFFFF && Character.isSurrogate((char) c) ? '?' : c);
            return consumed;
        }

        /** Writes {@code codePoint} as UTF-8. */
        private void encode(int codePoint) {
            int count = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (out != null) {
                if (count == 1) {
                    out[length] = (byte) codePoint;
                } else {
                    int shift = 6 * (count - 1);
                    out[length] = (byte) (0xF00 >> count | codePoint >> shift);
                    for (int i = 1; i < count; i++) {
                        shift -= 6;
                        out[length + i] = (byte) (0x80 | codePoint >> shift & 0x3F);
                    }
                }
            }
            length += count;
        }
    }

    private static int hex4(byte[] source, int at) {
        if (at + 4 > source.length) {
            return UNSURE;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(source[i], 16);
            if (digit < 0) {
                return UNSURE;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** The length of the well-formed UTF-8 sequence at {@code source[at]} (RFC 3629, section 4), or {@link #UNSURE}. */
    private static int utf8Length(byte[] source, int at) {
        int lead = source[at] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return UNSURE;
        }
        if (at + length > source.length) {
            return UNSURE;
        }
        int second = source[at + 1] & 0xFF;
        if (second < low || second > high) {
            return UNSURE;
        }
        for (int i = at + 2; i < at + length; i++) {
            if ((source[i] & 0xC0) != 0x80) {
                return UNSURE;
            }
        }
        return length;
    }

    /** The index of the first byte from {@code at} that is a quote, a backslash, a control character or not ASCII. */
    private static int plainRun(byte[] source, int at) {
        int i = at;
        // Eight bytes at a time: any byte with its high bit set, below a space, a quote or a backslash stops the word.
        while (i + Long.BYTES <= source.length) {
            long word = (long) LONGS.get(source, i);
            long stops = word & HIGH_BITS | (word - SPACES) & ~word & HIGH_BITS
                    | zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
            if (stops != 0) {
                for (int k = i; k < i + Long.BYTES; k++) {
                    if (stops(source[k])) {
                        return k;
                    }
                }
            }
            i += Long.BYTES;
        }
        while (i < source.length && !stops(source[i])) {
            i++;
        }
        return i;
    }

    /** Non-zero exactly when some byte of {@code word} is zero. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }

    private static boolean stops(byte b) {
        return b < 0x20 || b == '"' || b == '\\';
    }
}
