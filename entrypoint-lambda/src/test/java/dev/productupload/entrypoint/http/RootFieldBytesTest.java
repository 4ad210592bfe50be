package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RootFieldBytesTest {

    private final ObjectMapper json = ApiJson.mapper();

    private record Read(JsonNode tree, byte[] bytes) {
    }

    private Read read(String document, String field, RootFieldBytes.Encoding encoding) throws IOException {
        RootFieldBytes.Read read = RootFieldBytes.read(json, document.getBytes(StandardCharsets.UTF_8), field, encoding,
                parser -> parser);
        return new Read(read.tree(), read.bytes());
    }

    /** A value longer than the parser's text segments, with multi-byte characters and a pair on every boundary. */
    private static String longText() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 300_000) {
            text.append("ascii é € \uD83D\uDE00 ").append(text.length()).append(' ');
        }
        return text.toString();
    }

    @Test
    void readsTheRootFieldAsTheUtf8BytesOfItsTextAndShowsTheTreeAnEmptyString() throws IOException {
        // given: escapes, a surrogate pair and an unpaired surrogate, as API Gateway may write them
        String value = longText() + "\"quoted\" \\ \n \u00e9 \uD83D\uDE00 \uD800 end";
        String document = "{\"resource\":\"/upload\",\"body\":" + json.writeValueAsString(value) + ",\"isBase64Encoded\":false}";

        // when
        Read read = read(document, "body", RootFieldBytes.Encoding.UTF_8);

        // then
        assertThat(read.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThat(read.tree().path("body").isTextual()).isTrue();
        assertThat(read.tree().path("body").textValue()).isEmpty();
        assertThat(read.tree().path("resource").textValue()).isEqualTo("/upload");
        assertThat(read.tree().path("isBase64Encoded").isBoolean()).isTrue();
    }

    @Test
    void readsTheRootFieldAsOneByteACharacterWithAQuestionMarkForEveryCharacterBeyondLatin1() throws IOException {
        // given
        String value = "QUJD" + "\u00ff\u0100\u20ac" + longText();
        byte[] expected = new byte[value.length()];
        for (int i = 0; i < value.length(); i++) {
            expected[i] = value.charAt(i) <= 0xFF ? (byte) value.charAt(i) : (byte) '?';
        }

        // when
        Read read = read("{\"fileData\":" + json.writeValueAsString(value) + "}", "fileData",
                RootFieldBytes.Encoding.LATIN_1);

        // then
        assertThat(read.bytes()).isEqualTo(expected);
    }

    @Test
    void readsSurrogatePairsThatTheParsersSegmentsSplit() throws IOException {
        // given: nothing but pairs after a prefix of zero or one character, so every segment boundary splits a
        // pair in one of the two values
        for (String prefix : new String[] {"", "x"}) {
            String value = prefix + "\uD83D\uDE00".repeat(150_000);
            String document = "{\"body\":" + json.writeValueAsString(value) + "}";

            // when
            Read utf8 = read(document, "body", RootFieldBytes.Encoding.UTF_8);
            Read latin1 = read(document, "body", RootFieldBytes.Encoding.LATIN_1);

            // then
            assertThat(utf8.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            assertThat(latin1.bytes()).hasSize(value.length());
            assertThat(new String(latin1.bytes(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(prefix + "?".repeat(300_000));
        }
    }

    @Test
    void leavesAFieldOfTheSameNameInsideAnotherObjectAsText() throws IOException {
        // when
        Read read = read("{\"productData\":{\"fileData\":\"nested\"},\"list\":[\"fileData\"],\"fileData\":\"root\"}",
                "fileData", RootFieldBytes.Encoding.LATIN_1);

        // then
        assertThat(read.tree().path("productData").path("fileData").textValue()).isEqualTo("nested");
        assertThat(read.tree().path("list").get(0).textValue()).isEqualTo("fileData");
        assertThat(read.bytes()).isEqualTo("root".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void givesNoBytesWhenTheRootFieldIsAbsentNullOrNoString() throws IOException {
        assertThat(read("{\"other\":\"x\"}", "body", RootFieldBytes.Encoding.UTF_8).bytes()).isNull();
        assertThat(read("{\"body\":null}", "body", RootFieldBytes.Encoding.UTF_8).bytes()).isNull();
        Read number = read("{\"body\":12}", "body", RootFieldBytes.Encoding.UTF_8);
        assertThat(number.bytes()).isNull();
        assertThat(number.tree().path("body").intValue()).isEqualTo(12);
        assertThat(read("[\"body\"]", "body", RootFieldBytes.Encoding.UTF_8).bytes()).isNull();
    }

    @Test
    void givesAnEmptyValueAsNoBytes() throws IOException {
        assertThat(read("{\"body\":\"\"}", "body", RootFieldBytes.Encoding.UTF_8).bytes()).isEmpty();
    }

    @Test
    void stillRefusesTheRootFieldTwiceAndMalformedJsonAfterIt() {
        assertThatThrownBy(() -> read("{\"body\":\"a\",\"body\":\"b\"}", "body", RootFieldBytes.Encoding.UTF_8))
                .isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> read("{\"body\":\"a\"", "body", RootFieldBytes.Encoding.UTF_8))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"body\":\"a\"}{}", "body", RootFieldBytes.Encoding.UTF_8))
                .isInstanceOf(IOException.class);
    }

    @Test
    void takesTheValueThatTheParserMeetsFirstWhereTheFieldIsNamedTwiceAndOnceWithAnEscape() throws IOException {
        // given: a parser that lets names repeat, and the first name spelled with an escape the direct reading skips
        ObjectMapper lenient = new ObjectMapper();
        byte[] document = "{\"bo\\u0064y\":\"first\",\"body\":\"second\"}".getBytes(StandardCharsets.UTF_8);

        // when
        RootFieldBytes.Read read = RootFieldBytes.read(lenient, document, "body", RootFieldBytes.Encoding.UTF_8,
                parser -> parser);

        // then
        assertThat(read.bytes()).isEqualTo("first".getBytes(StandardCharsets.UTF_8));
    }
}
