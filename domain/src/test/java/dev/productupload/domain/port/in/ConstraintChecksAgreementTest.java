package dev.productupload.domain.port.in;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks compiled from the commands' constraints report what Hibernate Validator, the reference
 * implementation of the same annotations, reports: the same fields with the same messages, for commands built
 * from values at and beyond every rule's edges.
 */
class ConstraintChecksAgreementTest {

    private static final Validator REFERENCE = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();
    private static final Comparator<Map.Entry<String, String>> ORDER =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    @Property(tries = 3000)
    void uploadCommandsAgree(@ForAll("uploads") UploadCommand command) {
        List<Map.Entry<String, String>> compiled = new ArrayList<>();
        UploadCommandChecks.check(command, "", (field, message) -> compiled.add(Map.entry(field, message)));

        assertThat(sorted(compiled)).isEqualTo(reference(command));
    }

    @Property(tries = 1500)
    void createUploadCommandsAgree(@ForAll("creates") CreateUploadCommand command) {
        List<Map.Entry<String, String>> compiled = new ArrayList<>();
        CreateUploadCommandChecks.check(command, "", (field, message) -> compiled.add(Map.entry(field, message)));

        assertThat(sorted(compiled)).isEqualTo(reference(command));
    }

    @Property(tries = 1500)
    void completeUploadCommandsAgree(@ForAll("completes") CompleteUploadCommand command) {
        List<Map.Entry<String, String>> compiled = new ArrayList<>();
        CompleteUploadCommandChecks.check(command, "", (field, message) -> compiled.add(Map.entry(field, message)));

        assertThat(sorted(compiled)).isEqualTo(reference(command));
    }

    private static <T> List<Map.Entry<String, String>> reference(T command) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (ConstraintViolation<T> violation : REFERENCE.validate(command)) {
            found.add(Map.entry(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        return sorted(found);
    }

    /** A property path as the API names the field: properties by name, a map's entries by their key. */
    private static String fieldOf(Path path) {
        StringJoiner field = new StringJoiner(".");
        for (Path.Node node : path) {
            if (node.getKey() != null) {
                field.add(String.valueOf(node.getKey()));
            } else if (node.getName() != null && !node.getName().startsWith("<")) {
                field.add(node.getName());
            }
        }
        return field.toString();
    }

    private static List<Map.Entry<String, String>> sorted(List<Map.Entry<String, String>> entries) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(entries);
        copy.sort(ORDER);
        return copy;
    }

    @Provide
    Arbitrary<UploadCommand> uploads() {
        return Combinators.combine(text(), bytes(), text(), productData().injectNull(0.2))
                .as(UploadCommand::new);
    }

    @Provide
    Arbitrary<CreateUploadCommand> creates() {
        Arbitrary<CreateUploadCommand.AnnouncedChecksum> checksum = Combinators.combine(
                        Arbitraries.of("CRC32C", "SHA256", "crc32c", "MD5", "", "CRC32C\n").injectNull(0.2), text())
                .as(CreateUploadCommand.AnnouncedChecksum::new);
        return Combinators.combine(text(), text(), text(), Arbitraries.longs().injectNull(0.3),
                        checksum.injectNull(0.2))
                .as(CreateUploadCommand::new);
    }

    @Provide
    Arbitrary<CompleteUploadCommand> completes() {
        return Combinators.combine(text(), text(), productData().injectNull(0.3)).as(CompleteUploadCommand::new);
    }

    private static Arbitrary<ProductData> productData() {
        return Combinators.combine(text(), text(), price(), currency(), text(), attributes(), version())
                .as(ProductData::new);
    }

    /** Strings near every pattern and length edge: ids, names, media types, control characters, surrogates. */
    private static Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.of("a", "Z9", "-", ".", "..", "_", " ", "/", "\\", "\t", "\n", "\r",
                "\u0000", "\u001f", "\u007f", "\u0085", "\u009f", "\ud800", "\udc00", "\ud83d\udca1", "\u00e9",
                "text/plain", "application/pdf", "; charset=utf-8", "; a=\"b\\\"c\"", "=", "\"", "x.txt");
        Arbitrary<String> joined = pieces.list().ofMaxSize(6).map(parts -> String.join("", parts));
        Arbitrary<String> long_ = Combinators.combine(Arbitraries.of("a", "\u00e9", " ", "\u0001"),
                Arbitraries.of(1, 63, 64, 65, 127, 128, 129, 199, 200, 201, 254, 255, 256, 1023, 1024, 1025, 3999,
                        4000, 4001)).as(String::repeat);
        return Arbitraries.oneOf(joined, long_, Arbitraries.strings().ofMaxLength(8)).injectNull(0.25);
    }

    private static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3).injectNull(0.3);
    }

    /** Amounts around the bounds, with every scale: negative, none, the allowed two places and beyond. */
    private static Arbitrary<BigDecimal> price() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-100_000), BigInteger.valueOf(100_000)),
                Arbitraries.of(new BigInteger("1000000000"), new BigInteger("100000000000"),
                        new BigInteger("100000000001"), new BigInteger("99999999999999"), BigInteger.ZERO));
        Arbitrary<Integer> scale = Arbitraries.oneOf(Arbitraries.integers().between(-12, 6),
                Arbitraries.of(Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -999_999_999, 999_999_999));
        return Combinators.combine(unscaled, scale).as(BigDecimal::new).injectNull(0.2);
    }

    private static Arbitrary<String> currency() {
        return Arbitraries.oneOf(Arbitraries.of("EUR", "USD", "JPY", "XXX", "eur", "EU", "EURO", ""), text())
                .injectNull(0.3);
    }

    private static Arbitrary<Map<String, String>> attributes() {
        Arbitrary<Map<String, String>> small = Arbitraries.maps(text().filter(key -> key != null), text())
                .ofMaxSize(4)
                .map(HashMap::new);
        Arbitrary<Map<String, String>> edge = Arbitraries.of(49, 50, 51).map(size -> {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < size; i++) {
                map.put("k" + i, "v");
            }
            return map;
        });
        return Arbitraries.oneOf(small, edge).injectNull(0.3);
    }

    private static Arbitrary<Long> version() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 3), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE))
                .injectNull(0.3);
    }
}
