package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever the document, reading it with one root field taken out as bytes agrees with the parser reading the
 * whole document: the same tree (the field an empty string), the field's text encoded as promised, or the same
 * error with the same message. The documents mix everything the direct reading steps back from: escapes of every
 * kind, unpaired surrogates, UTF-8 good and bad, control characters, the field's name nested or escaped, and
 * damage anywhere.
 */
class RootFieldBytesPropertiesTest {

    private static final ObjectMapper JSON = ApiJson.mapper();

    @Property(tries = 3000)
    void agreesWithTheParserReadingTheWholeDocument(@ForAll("documents") byte[] document,
                                                    @ForAll RootFieldBytes.Encoding encoding) throws Exception {
        String field = "body";
        JsonNode whole;
        try (JsonParser parser = JSON.createParser(document)) {
            whole = JSON.readTree(parser);
        } catch (Exception expected) {
            assertThatThrownBy(() -> RootFieldBytes.read(JSON, document, field, encoding, parser -> parser))
                    .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
            return;
        }

        // when
        RootFieldBytes.Read read = RootFieldBytes.read(JSON, document, field, encoding, parser -> parser);

        // then
        JsonNode value = whole == null ? null : whole.get(field);
        if (value != null && value.isTextual()) {
            assertThat(read.bytes()).isEqualTo(encoded(value.textValue(), encoding));
            ((ObjectNode) whole).put(field, "");
        } else {
            assertThat(read.value()).isNull();
        }
        assertThat(read.tree()).isEqualTo(whole);
    }

    private static byte[] encoded(String text, RootFieldBytes.Encoding encoding) {
        if (encoding == RootFieldBytes.Encoding.UTF_8) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            bytes[i] = text.charAt(i) <= 0xFF ? (byte) text.charAt(i) : (byte) '?';
        }
        return bytes;
    }

    @Provide
    Arbitrary<byte[]> documents() {
        Arbitrary<byte[]> members = Arbitraries.oneOf(member("body", stringLiteral()), member("body", other()),
                member("bo\\u0064y", stringLiteral()), member("other", stringLiteral()),
                member("other", Arbitraries.just("{\"body\":\"nested\",\"list\":[\"body\",{\"a\":\"}\"}]}".getBytes(
                        StandardCharsets.UTF_8))), member("n", other())).list().ofMinSize(0).ofMaxSize(4)
                .map(RootFieldBytesPropertiesTest::object);
        return Arbitraries.frequencyOf(
                Tuple.of(6, members),
                Tuple.of(3, members.flatMap(RootFieldBytesPropertiesTest::damaged)),
                Tuple.of(1, Arbitraries.of("", " ", "[\"body\"]", "\"body\"", "{", "{\"body\"", "{\"body\":",
                        "{\"body\":\"abc", "{\"body\":\"a\",\"body\":\"b\"}", "{\"body\":\"a\"}{}", "{\"body\":\"a\"} x")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8))));
    }

    private static Arbitrary<byte[]> member(String key, Arbitrary<byte[]> value) {
        Arbitrary<String> space = Arbitraries.of("", " ", "\n\t ", "\r\n");
        return Combinators.combine(space, value, space).as((before, bytes, after) ->
                concat(("\"" + key + "\"" + before + ":" + after).getBytes(StandardCharsets.UTF_8), bytes));
    }

    private static byte[] object(List<byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(members.get(i));
        }
        out.write('}');
        return out.toByteArray();
    }

    /** The document with one byte replaced, one inserted, or cut short at a random place. */
    private static Arbitrary<byte[]> damaged(byte[] document) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, document.length - 1));
        Arbitrary<Byte> junk = Arbitraries.of((byte) '"', (byte) '\\', (byte) '{', (byte) '}', (byte) ',', (byte) 0x01,
                (byte) 0xC3, (byte) 0x80, (byte) 'x', (byte) ':');
        return Arbitraries.oneOf(
                Combinators.combine(at, junk).as((i, b) -> {
                    byte[] copy = document.clone();
                    if (copy.length > 0) {
                        copy[i] = b;
                    }
                    return copy;
                }),
                Combinators.combine(at, junk).as((i, b) -> {
                    byte[] copy = new byte[document.length + 1];
                    System.arraycopy(document, 0, copy, 0, i);
                    copy[i] = b;
                    System.arraycopy(document, i, copy, i + 1, document.length - i);
                    return copy;
                }),
                at.map(i -> Arrays.copyOf(document, i)));
    }

    private static Arbitrary<byte[]> other() {
        return Arbitraries.of("null", "12", "-1.5e3", "true", "[]", "{}", "[\"a\",{\"b\":[1,2]}]")
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    /** A string literal, quotes included, from pieces of every kind, most of them long plain runs. */
    private static Arbitrary<byte[]> stringLiteral() {
        Arbitrary<byte[]> plain = Arbitraries.strings().withCharRange('#', '[').withCharRange(']', '~').withChars(' ', '!')
                .ofMinLength(0).ofMaxLength(40).map(text -> text.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> shortEscape = Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")
                .map(text -> text.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> unicodeEscape = Arbitraries.oneOf(Arbitraries.chars().all().map(c -> (int) c),
                        Arbitraries.integers().between(0xD800, 0xDFFF), Arbitraries.integers().between(0, 0x7F))
                .map(c -> String.format(c % 2 == 0 ? "\\u%04x" : "\\u%04X", c).getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> pairEscape = Arbitraries.integers().between(0x10000, 0x10FFFF).map(cp -> {
            String pair = new String(Character.toChars(cp));
            return String.format("\\u%04X\\u%04x", (int) pair.charAt(0), (int) pair.charAt(1))
                    .getBytes(StandardCharsets.US_ASCII);
        });
        Arbitrary<byte[]> utf8 = Arbitraries.integers().between(0x80, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .map(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> odd = Arbitraries.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90,
                        (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3},
                new byte[] {0x01}, new byte[] {0x1F}, "\\x".getBytes(StandardCharsets.US_ASCII),
                "\\u12".getBytes(StandardCharsets.US_ASCII), "\\uZZZZ".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x7F});
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(Tuple.of(8, plain),
                Tuple.of(3, shortEscape), Tuple.of(3, unicodeEscape),
                Tuple.of(2, pairEscape), Tuple.of(3, utf8), Tuple.of(1, odd));
        return piece.list().ofMinSize(0).ofMaxSize(12).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('"');
            pieces.forEach(out::writeBytes);
            out.write('"');
            return out.toByteArray();
        });
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
