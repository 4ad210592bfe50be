package dev.productupload.entrypoint.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the local server's percent-encoded path segments and query become text (RFC 3986
 * section 2.1, UTF-8). API Gateway hands the Lambda handler its path and query parameters already decoded.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * Decodes one path segment or query component; {@code +} stays a plus sign in a path.
     *
     * @throws RequestRejectedException when an escape is cut short or the bytes are not UTF-8
     */
    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
                    || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                throw malformed();
            }
            bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    /**
     * The parameters of a raw query string ({@code a=1&b=2&a=3}), decoded, in order; {@code +} means a space
     * there, as in HTML forms. A component that is not valid percent-encoded UTF-8 is kept as it came, for the
     * endpoint to refuse as a bad value. Null or empty gives no parameters.
     */
    public static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeOrKeep((equals < 0 ? pair : pair.substring(0, equals)).replace('+', ' '));
            String value = equals < 0 ? "" : decodeOrKeep(pair.substring(equals + 1).replace('+', ' '));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decodeOrKeep(String component) {
        try {
            return decode(component);
        } catch (RequestRejectedException malformed) {
            return component;
        }
    }

    private static RequestRejectedException malformed() {
        return new RequestRejectedException(Problem.INVALID_REQUEST, "the path or query is not valid percent-encoded UTF-8");
    }
}
