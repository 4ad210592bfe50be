package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JsonStringBytesTest {

    private final ObjectMapper json = ApiJson.mapper();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void findsTheRootFieldPastNestedValuesThatNameIt() {
        // given
        String document = "{ \"a\" : {\"body\":\"x\",\"l\":[\"body\",{\"b\":\"}\"}]} ,\"s\":\"q\\\"body\\\":\\\"\","
                + "\"n\":-1.5e3,\"t\":true,\"body\" :\t\"found\"}";

        // when
        int quote = JsonStringBytes.rootFieldValue(utf8(document), "body");

        // then
        assertThat(document.substring(quote)).startsWith("\"found\"");
    }

    @Test
    void findsNoRootFieldWhereItIsAbsentNoStringOrNotPlainlyReached() {
        for (String document : new String[] {"{\"other\":\"x\"}", "{\"body\":null}", "{\"body\":12}", "[\"body\"]",
                "\"body\"", "", "{", "{\"bo\\u0064y\":\"x\"}", "{\"a\" 1,\"body\":\"x\"}", "{\"a\":1 \"body\":\"x\"}",
                "{\"a\":\"unterminated", "{\"body\":"}) {
            assertThat(JsonStringBytes.rootFieldValue(utf8(document), "body")).as(document).isEqualTo(-1);
        }
    }

    @Test
    void readsPlainTextAsAViewOfTheDocumentItself() {
        // given
        byte[] file = new byte[3000];
        new Random(7).nextBytes(file);
        byte[] document = utf8("{\"fileData\":\"" + Base64.getEncoder().encodeToString(file) + "\"}");

        // when
        JsonStringBytes.Content content = JsonStringBytes.read(document, 12, RootFieldBytes.Encoding.LATIN_1);

        // then
        assertThat(content.bytes().array()).isSameAs(document);
        assertThat(Base64.getDecoder().decode(bytesOf(content.bytes()))).isEqualTo(file);
        assertThat(content.closingQuote()).isEqualTo(document.length - 2);
    }

    @Test
    void readsEscapesAndUtf8AsTheirUtf8Bytes() throws IOException {
        // given: what a JSON writer makes of quotes, controls, pairs and text beyond ASCII, between long plain runs
        String value = "plain text longer than a word " + "\"q\" \\ / \b\f\n\r\t \u0001 é € \uD83D\uDE00 ".repeat(40)
                + "end";
        byte[] document = json.writeValueAsBytes(Map.of("body", value));

        // when
        JsonStringBytes.Content content = JsonStringBytes.read(document,
                JsonStringBytes.rootFieldValue(document, "body"), RootFieldBytes.Encoding.UTF_8);

        // then
        assertThat(bytesOf(content.bytes())).isEqualTo(utf8(value));
        assertThat(content.closingQuote()).isEqualTo(document.length - 2);
    }

    @Test
    void readsUnicodeEscapesAndPairsAsTheJdkEncodesTheirCharacters() {
        // given: an unpaired surrogate is '?', a pair is one code point, escaped in either case
        String literal = "\"\\u00e9\\u20AC\\uD83D\\uDE00\\uD800x\\uDC00\\uD83D\\uD83D\\uDE00\\uD800\"";

        // when
        JsonStringBytes.Content content = JsonStringBytes.read(utf8(literal), 0, RootFieldBytes.Encoding.UTF_8);

        // then
        assertThat(bytesOf(content.bytes())).isEqualTo(utf8("é€\uD83D\uDE00?x??\uD83D\uDE00?"));
    }

    @Test
    void leavesToTheParserWhatItCannotReadExactly() {
        for (String literal : new String[] {"\"unterminated", "\"a\\", "\"\\x\"", "\"\\u12\"", "\"\\uZZZZ\"",
                "\"tab\tinside\"", "\"\u0001\""}) {
            assertThat(JsonStringBytes.read(utf8(literal), 0, RootFieldBytes.Encoding.UTF_8)).as(literal).isNull();
        }
        byte[][] oddUtf8 = {{'"', (byte) 0xC0, (byte) 0xAF, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0x80, '"'}, {'"', (byte) 0xC3, '"'}, {'"', (byte) 0xFF, '"'}};
        for (byte[] literal : oddUtf8) {
            assertThat(JsonStringBytes.read(literal, 0, RootFieldBytes.Encoding.UTF_8)).isNull();
        }
        for (String literal : new String[] {"\"é\"", "\"\\u00e9\""}) {
            assertThat(JsonStringBytes.read(utf8(literal), 0, RootFieldBytes.Encoding.LATIN_1)).as(literal).isNull();
        }
    }

    @Test
    void readsWellFormedUtf8OfEveryLength() {
        // given: the first and last code point of each length, and the edges RFC 3629 draws for three and four bytes
        String text = "\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\uD800\uDC00\uDBFF\uDFFF";

        // when
        JsonStringBytes.Content content = JsonStringBytes.read(utf8("\"" + text + "\""), 0,
                RootFieldBytes.Encoding.UTF_8);

        // then
        assertThat(bytesOf(content.bytes())).isEqualTo(utf8(text));
    }
}
