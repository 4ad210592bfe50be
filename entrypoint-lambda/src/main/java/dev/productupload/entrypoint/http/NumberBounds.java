package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Keeps the work a JSON number can cause bounded, whatever its exponent. {@code 1e999999999} is 11 bytes, but
 * expanding it (to compare, to round, to print plainly) costs time and memory that grow with the exponent, and
 * past the range of an {@code int} it cannot even be parsed. A number whose decimal magnitude lies beyond
 * 10<sup>±{@value #MAX_MAGNITUDE}</sup> is therefore read as a small stand-in on the same side of every limit of
 * the contract: {@code ±1E+101} for a huge one, {@code ±1E-101} for a tiny one, {@code 0} for a zero with a huge
 * exponent. The schema and the product rules then refuse it in their own words, as fast as any other number.
 * Length is bounded by the parser already ({@link com.fasterxml.jackson.core.StreamReadConstraints}).
 */
final class NumberBounds {

    /** Far beyond every limit of the contract (a price below 10^10, a version below 2^53). */
    static final int MAX_MAGNITUDE = 100;

    private static final BigInteger HUGE_INTEGER = BigInteger.TEN.pow(MAX_MAGNITUDE + 1);
    private static final BigDecimal HUGE = new BigDecimal(BigInteger.ONE, -(MAX_MAGNITUDE + 1));
    private static final BigDecimal TINY = new BigDecimal(BigInteger.ONE, MAX_MAGNITUDE + 1);

    private NumberBounds() {
    }

    /** A parser that reads every number beyond reach as its stand-in and every other token as it is. */
    static JsonParser bounded(JsonParser parser) {
        return new BoundedParser(parser);
    }

    /**
     * The stand-in for a JSON number literal, or null when the literal is within reach and can be read as it is.
     * Looks at the characters only; never builds the number.
     */
    static Number standIn(String literal) {
        int at = 0;
        boolean negative = literal.startsWith("-");
        if (negative) {
            at = 1;
        }
        int exponentAt = Math.max(literal.indexOf('e'), literal.indexOf('E'));
        int mantissaEnd = exponentAt < 0 ? literal.length() : exponentAt;
        int point = literal.indexOf('.');
        int integerEnd = point < 0 || point > mantissaEnd ? mantissaEnd : point;
        // The decimal magnitude of the first significant digit, relative to the point.
        long magnitude = 0;
        boolean significant = false;
        for (int i = at; i < mantissaEnd && !significant; i++) {
            char c = literal.charAt(i);
            if (c >= '1' && c <= '9') {
                magnitude = i < integerEnd ? integerEnd - 1 - i : -(i - integerEnd);
                significant = true;
            }
        }
        long exponent = exponentAt < 0 ? 0 : exponent(literal, exponentAt + 1);
        boolean integral = exponentAt < 0 && point < 0;
        if (!significant) {
            return Math.abs(exponent) > MAX_MAGNITUDE ? BigDecimal.ZERO : null;
        }
        long scaled = magnitude + exponent;
        if (scaled > MAX_MAGNITUDE) {
            if (integral) {
                return negative ? HUGE_INTEGER.negate() : HUGE_INTEGER;
            }
            return negative ? HUGE.negate() : HUGE;
        }
        if (scaled < -MAX_MAGNITUDE) {
            return negative ? TINY.negate() : TINY;
        }
        return null;
    }

    /** The exponent after {@code e}, saturated far beyond any bound so that it never overflows. */
    private static long exponent(String literal, int from) {
        boolean negative = false;
        int i = from;
        if (i < literal.length() && (literal.charAt(i) == '+' || literal.charAt(i) == '-')) {
            negative = literal.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < literal.length(); i++) {
            value = Math.min(value * 10 + (literal.charAt(i) - '0'), 1L << 40);
        }
        return negative ? -value : value;
    }

    /** Answers every number accessor from the stand-in when there is one, so the real value is never built. */
    private static final class BoundedParser extends JsonParserDelegate {

        BoundedParser(JsonParser parser) {
            super(parser);
        }

        private Number standIn() throws IOException {
            JsonToken token = delegate.currentToken();
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    ? NumberBounds.standIn(delegate.getText())
                    : null;
        }

        @Override
        public NumberType getNumberType() throws IOException {
            Number standIn = standIn();
            if (standIn == null) {
                return delegate.getNumberType();
            }
            return standIn instanceof BigInteger ? NumberType.BIG_INTEGER : NumberType.BIG_DECIMAL;
        }

        @Override
        public NumberTypeFP getNumberTypeFP() throws IOException {
            return standIn() == null ? delegate.getNumberTypeFP() : NumberTypeFP.BIG_DECIMAL;
        }

        @Override
        public Number getNumberValue() throws IOException {
            Number standIn = standIn();
            return standIn == null ? delegate.getNumberValue() : standIn;
        }

        @Override
        public Number getNumberValueExact() throws IOException {
            Number standIn = standIn();
            return standIn == null ? delegate.getNumberValueExact() : standIn;
        }

        @Override
        public Object getNumberValueDeferred() throws IOException {
            Number standIn = standIn();
            return standIn == null ? delegate.getNumberValueDeferred() : standIn;
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            Number standIn = standIn();
            if (standIn == null) {
                return delegate.getDecimalValue();
            }
            return standIn instanceof BigInteger integer ? new BigDecimal(integer) : (BigDecimal) standIn;
        }

        @Override
        public BigInteger getBigIntegerValue() throws IOException {
            Number standIn = standIn();
            if (standIn == null) {
                return delegate.getBigIntegerValue();
            }
            return standIn instanceof BigInteger integer ? integer : ((BigDecimal) standIn).toBigInteger();
        }

        @Override
        public double getDoubleValue() throws IOException {
            Number standIn = standIn();
            return standIn == null ? delegate.getDoubleValue() : standIn.doubleValue();
        }

        @Override
        public float getFloatValue() throws IOException {
            Number standIn = standIn();
            return standIn == null ? delegate.getFloatValue() : standIn.floatValue();
        }

        @Override
        public long getLongValue() throws IOException {
            if (standIn() != null) {
                throw new InputCoercionException(this,
                        "a number beyond 10^" + MAX_MAGNITUDE + " does not fit a long", currentToken(), Long.TYPE);
            }
            return delegate.getLongValue();
        }

        @Override
        public int getIntValue() throws IOException {
            if (standIn() != null) {
                throw new InputCoercionException(this,
                        "a number beyond 10^" + MAX_MAGNITUDE + " does not fit an int", currentToken(), Integer.TYPE);
            }
            return delegate.getIntValue();
        }

        @Override
        public boolean isNaN() throws IOException {
            return standIn() == null && delegate.isNaN();
        }
    }
}
