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
    public static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";
    public static final String PRICE_MIN = "0";
    public static final String PRICE_MAX = "1000000000";
    public static final int PRICE_INTEGER_DIGITS = 10;
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

    /** 1-255 characters, no '/', '\', NUL or other control characters, and not "." or "..". */
    public static final String FILE_NAME_PATTERN = "^(?!\\.{1,2}$)[^/\\\\\\p{Cntrl}]{1,255}$";
    private static final String MEDIA_NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
    private static final String MEDIA_PARAMETER =
            ";[ \\t]*[A-Za-z0-9!#$&^_.+-]+=(?:[A-Za-z0-9!#$&^_.+-]+|\"[^\"\\p{Cntrl}]*\")[ \\t]*";
    /** RFC 6838 {@code type/subtype}, optionally followed by parameters such as {@code ; charset=utf-8}. */
    public static final String CONTENT_TYPE_PATTERN = "^" + MEDIA_NAME + "/" + MEDIA_NAME + "[ \\t]*(?:" + MEDIA_PARAMETER + ")*$";
    public static final int CONTENT_TYPE_MAX = 255;
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private ProductRules() {
    }
}
