package dev.productupload.validation.processor;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstraintChecksProcessorTest {

    private static final String IMPORTS = """
            import jakarta.validation.*;
            import jakarta.validation.constraints.*;
            import java.lang.annotation.*;
            import java.math.BigDecimal;
            import java.util.*;
            """;
    private static final Map<String, String> FIXTURE = Map.of(
            "fixture.Everything", "package fixture;\n" + IMPORTS + """
                    public record Everything(
                        @NotNull(message = "required") String required,
                        @Size(min = 2, max = 3, message = "two or three") String text,
                        @Size(min = 1, message = "at least one") byte[] bytes,
                        @Size(max = 2, message = "at most two") List<String> list,
                        @Size(max = 1, message = "at most one entry") Map<String, String> map,
                        @Pattern(regexp = "a+", message = "only a") String pattern,
                        @DecimalMin(value = "1.5", message = "1.5 or more")
                        @DecimalMax(value = "10", inclusive = false, message = "below 10") BigDecimal amount,
                        @DecimalMin(value = "0", inclusive = false, message = "above 0") BigDecimal above,
                        @DecimalMax(value = "5", message = "5 or less") BigDecimal atMost,
                        @Digits(integer = 2, fraction = 1, message = "2.1 digits") BigDecimal digits,
                        @Positive(message = "positive int") int count,
                        @Positive(message = "positive long") Long boxed,
                        @Positive(message = "positive amount") BigDecimal positiveAmount,
                        @NotNull(message = "never reported") int primitive,
                        @Even String even,
                        Map<@Size(min = 1, message = "key of one or more") String,
                            @NotNull(message = "value required") @Pattern(regexp = "v.*", message = "v first") String> entries,
                        @Valid Inner inner,
                        String unconstrained) {
                    }
                    """,
            "fixture.Inner", "package fixture;\n" + IMPORTS + """
                    public record Inner(@NotNull(message = "inner required") String name) {
                    }
                    """,
            "fixture.Even", "package fixture;\n" + IMPORTS + """
                    @Constraint(validatedBy = EvenValidator.class)
                    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
                    @Retention(RetentionPolicy.RUNTIME)
                    public @interface Even {
                        String message() default "odd length";
                        Class<?>[] groups() default {};
                        Class<? extends Payload>[] payload() default {};
                    }
                    """,
            "fixture.EvenValidator", "package fixture;\n" + IMPORTS + """
                    public final class EvenValidator implements ConstraintValidator<Even, String> {
                        @Override
                        public boolean isValid(String value, ConstraintValidatorContext context) {
                            return value == null || value.length() % 2 == 0;
                        }
                    }
                    """);

    private static final Validator REFERENCE = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private static Constructor<?> everything;
    private static Constructor<?> inner;

    @BeforeAll
    static void compileTheFixture(@TempDir java.nio.file.Path directory) throws Exception {
        Compilation compilation = Compilation.of(directory, FIXTURE);
        assertThat(compilation.errors()).isEmpty();
        ClassLoader loader = compilation.loader();
        everything = loader.loadClass("fixture.Everything").getDeclaredConstructors()[0];
        inner = loader.loadClass("fixture.Inner").getDeclaredConstructors()[0];
    }

    private static Object[] valid() throws Exception {
        return new Object[] {"r", "ab", new byte[] {1}, List.of("a"), Map.of("k", "v"), "aa", new BigDecimal("1.5"),
                new BigDecimal("0.1"), new BigDecimal("5"), new BigDecimal("99.9"), 1, 1L, new BigDecimal("0.01"), 0,
                "ab", Map.of("k", "v1"), inner.newInstance("n"), null};
    }

    /** One field of the valid record replaced, at or beyond an edge of its constraint. */
    static Stream<Arguments> variations() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        Object[][] cases = {
                {0, null}, {0, ""},
                {1, "a"}, {1, "abc"}, {1, "abcd"}, {1, null},
                {2, new byte[0]}, {2, new byte[2]},
                {3, List.of("a", "b")}, {3, List.of("a", "b", "c")},
                {4, Map.of()}, {4, Map.of("a", "v", "b", "v")},
                {5, "a"}, {5, "ab"}, {5, ""}, {5, "aaa\n"},
                {6, new BigDecimal("1.49")}, {6, new BigDecimal("1.50")}, {6, new BigDecimal("9.99")}, {6, BigDecimal.TEN},
                {6, new BigDecimal("1E+1")}, {6, new BigDecimal("-1E+999999999")},
                {7, BigDecimal.ZERO}, {7, new BigDecimal("-0.01")}, {7, new BigDecimal("1E-999999999")},
                {8, new BigDecimal("5.00")}, {8, new BigDecimal("5.01")},
                {9, new BigDecimal("99.95")}, {9, new BigDecimal("100")}, {9, new BigDecimal("1E+1")},
                {9, new BigDecimal("1E+2")}, {9, new BigDecimal("0.10")}, {9, new BigDecimal("-99.9")},
                {10, 0}, {10, -1}, {10, Integer.MIN_VALUE},
                {11, 0L}, {11, Long.MIN_VALUE}, {11, null},
                {12, BigDecimal.ZERO}, {12, new BigDecimal("-1E-999999999")},
                {14, "a"}, {14, "abcd"},
                {15, Map.of("", "v")}, {15, Map.of("k", "x")}, {15, Map.of("", "x")}, {15, nullValue}, {15, nullKey},
                {16, "inner:null"}, {16, null},
        };
        List<Arguments> arguments = new ArrayList<>();
        for (Object[] variation : cases) {
            arguments.add(Arguments.of(variation[0], variation[1]));
        }
        return arguments.stream();
    }

    @Test
    void aRecordWithinEveryConstraintHasNoViolation() throws Exception {
        Object value = everything.newInstance(valid());

        assertThat(Compilation.check(value)).isEmpty();
        assertThat(reference(value)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("variations")
    void reportsWhatHibernateValidatorReports(int field, Object replacement) throws Exception {
        Object[] arguments = valid();
        arguments[field] = "inner:null".equals(replacement) ? inner.newInstance((Object) null) : replacement;
        Object value = everything.newInstance(arguments);

        List<String> compiled = Compilation.check(value);

        assertThat(compiled).containsExactlyInAnyOrderElementsOf(reference(value));
    }

    @Test
    void namesANestedFieldAndAMapEntryByTheirPath() throws Exception {
        Object[] arguments = valid();
        arguments[15] = Map.of("", "x");
        arguments[16] = inner.newInstance((Object) null);

        assertThat(Compilation.check(everything.newInstance(arguments))).containsExactlyInAnyOrder(
                "entries.: key of one or more", "entries.: v first", "inner.name: inner required");
    }

    @Test
    void reportsEveryBrokenConstraintOfAField() throws Exception {
        Object[] arguments = valid();
        arguments[6] = new BigDecimal("10");
        arguments[1] = "a";
        arguments[15] = Map.of("k", "x");

        assertThat(Compilation.check(everything.newInstance(arguments))).containsExactlyInAnyOrder(
                "text: two or three", "amount: below 10", "entries.k: v first");
    }

    private static List<String> reference(Object value) {
        List<String> violations = new ArrayList<>();
        for (ConstraintViolation<Object> violation : REFERENCE.validate(value)) {
            violations.add(fieldOf(violation.getPropertyPath()) + ": " + violation.getMessage());
        }
        return violations;
    }

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

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("@Email(message = \"e\") String a", "@Email is not understood"),
                Arguments.of("@NotNull String a", "would be interpolated"),
                Arguments.of("@NotNull(message = \"costs $5\") String a", "would be interpolated"),
                Arguments.of("@NotNull(message = \"a } b\") String a", "would be interpolated"),
                Arguments.of("@NotNull(message = \"a \\\\\\\\ b\") String a", "would be interpolated"),
                Arguments.of("@NotNull(message = \"m\", groups = Runnable.class) String a", "groups are not supported"),
                Arguments.of("@Pattern(regexp = \"a\", flags = Pattern.Flag.CASE_INSENSITIVE, message = \"m\") String a",
                        "flags are not supported"),
                Arguments.of("@Pattern(regexp = \"(\", message = \"m\") String a", "@Pattern: Unclosed group"),
                Arguments.of("@Pattern(regexp = \"a\", message = \"m\") Integer a", "@Pattern is not understood on java.lang.Integer"),
                Arguments.of("@Size(max = 1, message = \"m\") BigDecimal a", "@Size is not understood on java.math.BigDecimal"),
                Arguments.of("@DecimalMin(value = \"1\", message = \"m\") Long a", "@DecimalMin is not understood on java.lang.Long"),
                Arguments.of("@DecimalMax(value = \"1\", message = \"m\") Long a", "@DecimalMax is not understood on java.lang.Long"),
                Arguments.of("@DecimalMin(value = \"one\", message = \"m\") BigDecimal a", "'one' is not a decimal number"),
                Arguments.of("@Digits(integer = 1, fraction = 0, message = \"m\") Long a", "@Digits is not understood on java.lang.Long"),
                Arguments.of("@Positive(message = \"m\") String a", "@Positive is not understood on java.lang.String"),
                Arguments.of("@Positive(message = \"m\") Double a", "@Positive is not understood on java.lang.Double"),
                Arguments.of("@Valid String a", "@Valid is understood on a record with constraints only"),
                Arguments.of("List<@NotNull(message = \"m\") String> a", "on Map keys and values only"),
                Arguments.of("@Initializing String a", "must have a no-argument constructor and no initialize method"),
                Arguments.of("@Hidden String a", "must have a no-argument constructor and no initialize method"),
                Arguments.of("@Unchecked String a", "needs exactly one validator"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesAConstraintItCannotCompileFaithfully(String component, String error, @TempDir java.nio.file.Path directory) {
        Map<String, String> sources = new HashMap<>(Map.of("bad.Bad", "package bad;\n" + IMPORTS
                + "public record Bad(" + component + ") {\n}\n"));
        sources.put("bad.Initializing", customConstraint("Initializing", "InitializingValidator"));
        sources.put("bad.InitializingValidator", "package bad;\n" + IMPORTS + """
                public final class InitializingValidator implements ConstraintValidator<Initializing, String> {
                    @Override
                    public void initialize(Initializing annotation) {
                    }
                    @Override
                    public boolean isValid(String value, ConstraintValidatorContext context) {
                        return true;
                    }
                }
                """);
        sources.put("bad.Hidden", customConstraint("Hidden", "HiddenValidator"));
        sources.put("bad.HiddenValidator", "package bad;\n" + IMPORTS + """
                public final class HiddenValidator implements ConstraintValidator<Hidden, String> {
                    private HiddenValidator() {
                    }
                    @Override
                    public boolean isValid(String value, ConstraintValidatorContext context) {
                        return true;
                    }
                }
                """);
        sources.put("bad.Unchecked", customConstraint("Unchecked", null));

        Compilation compilation = Compilation.of(directory, sources);

        assertThat(compilation.success()).isFalse();
        assertThat(compilation.errors()).anySatisfy(message -> assertThat(message).contains(error));
    }

    private static String customConstraint(String name, String validator) {
        return "package bad;\n" + IMPORTS + "@Constraint(validatedBy = {" + (validator == null ? "" : validator + ".class")
                + "})\n@Retention(RetentionPolicy.RUNTIME)\npublic @interface " + name + " {\n"
                + "    String message() default \"m\";\n    Class<?>[] groups() default {};\n"
                + "    Class<? extends Payload>[] payload() default {};\n}\n";
    }

    @Test
    void leavesRecordsWithoutConstraintsAlone(@TempDir java.nio.file.Path directory) throws Exception {
        Compilation compilation = Compilation.of(directory, Map.of("plain.Plain",
                "package plain;\n" + IMPORTS + "public record Plain(@Deprecated String a, List<String> b) {\n}\n"));

        assertThat(compilation.errors()).isEmpty();
        assertThat(compilation.loader().loadClass("plain.Plain")).isRecord();
        assertThatThrownBy(() -> compilation.loader().loadClass("plain.ConstraintChecks"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
