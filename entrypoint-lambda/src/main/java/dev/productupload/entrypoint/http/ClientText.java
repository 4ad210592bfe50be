package dev.productupload.entrypoint.http;

/** Text a client chose, cut to a length before it is logged or quoted back. */
final class ClientText {

    private ClientText() {
    }

    /** The first {@code length} characters of {@code text}, one fewer where the cut would split a surrogate pair. */
    static String prefix(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }
}
