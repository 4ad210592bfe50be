package dev.productupload.domain.model;

/**
 * The limits every product and file obeys, in one place so that validation messages,
 * the request schema and the tests quote the same numbers.
 */
public final class ProductRules {

    public static final String PRODUCT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";
    public static final String PRODUCT_ID_RULE =
            "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit";
    public static final int PRODUCT_NAME_MAX = 200;
    /**
     * One line of text: no control character (Unicode Cc, C0 and C1: U+0000-U+001F, U+007F-U+009F) and no
     * unpaired surrogate, which no UTF-8 store can hold as it was sent.
     */
    public static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cc}\\p{Cs}]*$";
    public static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters or unpaired surrogates";
    /** Text that may break lines: like {@link #NO_CONTROL_CHARACTERS} but tab, line feed and carriage return are allowed. */
    public static final String TEXT = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\p{Cs}]*$";
    public static final String TEXT_MESSAGE =
            "must not contain control characters other than tab and line breaks, nor unpaired surrogates";
    public static final String PRICE_MIN = "0";
    public static final String PRICE_MAX = "1000000000";
    public static final int PRICE_FRACTION_DIGITS = 2;
    public static final String DEFAULT_CURRENCY = "USD";
    public static final int DESCRIPTION_MAX = 4000;
    public static final int ATTRIBUTES_MAX = 50;
    public static final int ATTRIBUTE_KEY_MAX = 64;
    public static final int ATTRIBUTE_VALUE_MAX = 1024;
    public static final int FILES_MAX = 100;
    /** Versions in one page of a product's history, when the client does not say. */
    public static final int VERSIONS_PAGE_DEFAULT = 20;
    public static final int VERSIONS_PAGE_MAX = 100;
    /** Products in one page of a listing, when the client does not say. */
    public static final int PRODUCTS_PAGE_DEFAULT = 20;
    public static final int PRODUCTS_PAGE_MAX = 100;

    /** 1-255 characters, no '/', '\', NUL or other control characters, and not "." or "..". */
    public static final String FILE_NAME_PATTERN = "^(?!\\.{1,2}$)[^/\\\\\\p{Cc}\\p{Cs}]{1,255}$";
    private static final String MEDIA_NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
    /** RFC 9110 section 5.6.4 quoted-string, without obs-text: visible ASCII, space and tab, and quoted pairs. */
    private static final String QUOTED_STRING = "\"(?:[\\t !#-\\[\\]-~]++|\\\\[\\t -~])*+\"";
    private static final String MEDIA_PARAMETER =
            ";[ \\t]*+[A-Za-z0-9!#$&^_.+-]++=(?:[A-Za-z0-9!#$&^_.+-]++|" + QUOTED_STRING + ")[ \\t]*+";
    /**
     * RFC 6838 {@code type/subtype}, optionally followed by parameters such as {@code ; charset=utf-8}: US-ASCII
     * only, which RFC 9110 section 8.3.1 allows in a Content-Type header and every store's request signing accepts.
     * Every repetition is possessive: no part can give back what the next one needs, and a loop that keeps no
     * backtracking state matches a value of any length without exhausting the stack.
     */
    public static final String CONTENT_TYPE_PATTERN = "^" + MEDIA_NAME + "/" + MEDIA_NAME + "[ \\t]*+(?:" + MEDIA_PARAMETER + ")*+$";
    public static final int CONTENT_TYPE_MAX = 255;
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private ProductRules() {
    }
}
