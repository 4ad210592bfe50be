package dev.productupload.validation.processor;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.assertj.core.api.SoftAssertions;
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
                        String unconstrained,
                        @Pattern(regexp = "a.*", message = "starts with a") @Pattern(regexp = ".*z", message = "ends with z")
                        String twice,
                        @Size(min = 1, message = "one or more") String[] names,
                        @Valid Part part,
                        @Size(min = 2, max = 2, message = "exactly two") String pair,
                        @Digits(integer = 3, fraction = 0, message = "whole, up to 999") BigDecimal whole,
                        @Size(max = 0, message = "nothing") List<String> none) {

                        public record Part(@Pattern(regexp = "p.*", message = "a part starts with p") String code) {
                        }
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

    /**
     * The fixture compiled by the processor as it is now: each test compiles its own, as a mutation test changes
     * the processor between tests in one JVM.
     */
    private record Fixture(Constructor<?> everything, Constructor<?> inner, Constructor<?> part) {

        static Fixture compiled(java.nio.file.Path directory) throws Exception {
            Compilation compilation = Compilation.of(directory, FIXTURE);
            assertThat(compilation.errors()).isEmpty();
            ClassLoader loader = compilation.loader();
            return new Fixture(loader.loadClass("fixture.Everything").getDeclaredConstructors()[0],
                    loader.loadClass("fixture.Inner").getDeclaredConstructors()[0],
                    loader.loadClass("fixture.Everything$Part").getDeclaredConstructors()[0]);
        }

        Object[] valid() throws Exception {
            return new Object[] {"r", "ab", new byte[] {1}, List.of("a"), Map.of("k", "v"), "aa", new BigDecimal("1.5"),
                    new BigDecimal("0.1"), new BigDecimal("5"), new BigDecimal("99.9"), 1, 1L, new BigDecimal("0.01"), 0,
                    "ab", Map.of("k", "v1"), inner.newInstance("n"), null, "az", new String[] {"n"}, part.newInstance("p1"), "ab",
                    new BigDecimal("999"), List.of()};
        }
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
                {18, "a"}, {18, "z"}, {18, "b"}, {18, null},
                {19, new String[0]}, {19, new String[] {null, null}}, {19, null},
                {20, "part:q"}, {20, null},
                {21, "a"}, {21, "abc"},
                {22, new BigDecimal("1000")}, {22, new BigDecimal("1.0")}, {22, new BigDecimal("1E+3")}, {22, BigDecimal.ZERO},
                {23, List.of("x")},
        };
        List<Arguments> arguments = new ArrayList<>();
        for (Object[] variation : cases) {
            arguments.add(Arguments.of(variation[0], variation[1]));
        }
        return arguments.stream();
    }

    @Test
    void aRecordWithinEveryConstraintHasNoViolation(@TempDir java.nio.file.Path directory) throws Exception {
        Fixture fixture = Fixture.compiled(directory);
        Object value = fixture.everything().newInstance(fixture.valid());

        assertThat(Compilation.check(value)).isEmpty();
        assertThat(reference(value)).isEmpty();
    }

    /** Every variation against one compilation of the fixture (each compilation costs a fifth of a second). */
    @Test
    void reportsWhatHibernateValidatorReports(@TempDir java.nio.file.Path directory) throws Exception {
        Fixture fixture = Fixture.compiled(directory);
        SoftAssertions softly = new SoftAssertions();
        for (Arguments variation : variations().toList()) {
            int field = (Integer) variation.get()[0];
            Object replacement = variation.get()[1];
            Object[] arguments = fixture.valid();
            arguments[field] = "inner:null".equals(replacement) ? fixture.inner().newInstance((Object) null)
                    : "part:q".equals(replacement) ? fixture.part().newInstance("q") : replacement;
            Object value = fixture.everything().newInstance(arguments);

            List<String> compiled = Compilation.check(value);

            softly.assertThat(compiled).as("field %d replaced by %s", field, replacement)
                    .containsExactlyInAnyOrderElementsOf(reference(value));
        }
        softly.assertAll();
    }

    @Test
    void namesANestedFieldAndAMapEntryByTheirPath(@TempDir java.nio.file.Path directory) throws Exception {
        Fixture fixture = Fixture.compiled(directory);
        Object[] arguments = fixture.valid();
        arguments[15] = Map.of("", "x");
        arguments[16] = fixture.inner().newInstance((Object) null);

        assertThat(Compilation.check(fixture.everything().newInstance(arguments))).containsExactlyInAnyOrder(
                "entries.: key of one or more", "entries.: v first", "inner.name: inner required");
    }

    @Test
    void reportsEveryBrokenConstraintOfAField(@TempDir java.nio.file.Path directory) throws Exception {
        Fixture fixture = Fixture.compiled(directory);
        Object[] arguments = fixture.valid();
        arguments[6] = new BigDecimal("10");
        arguments[1] = "a";
        arguments[15] = Map.of("k", "x");

        assertThat(Compilation.check(fixture.everything().newInstance(arguments))).containsExactlyInAnyOrder(
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
                Arguments.of("List<@NotNull(message = \"m\") String> a", "on a Map's keys and values only"),
                Arguments.of("@Initializing String a", "must have a no-argument constructor and no initialize method"),
                Arguments.of("@Hidden String a", "must have a no-argument constructor and no initialize method"),
                Arguments.of("@Unchecked String a", "needs exactly one validator"),
                Arguments.of("@Size(min = 5, max = 3, message = \"m\") String a", "min 5 and max 3 make no range"),
                Arguments.of("@Size(min = -1, message = \"m\") String a", "make no range"),
                Arguments.of("@Digits(integer = -1, fraction = 0, message = \"m\") BigDecimal a", "must not be negative"),
                Arguments.of("Map<String, List<@NotNull(message = \"m\") String>> a", "on a Map's keys and values only"),
                Arguments.of("Map<String, Map<String, @Size(max = 1, message = \"m\") String>> a", "on a Map's keys and values only"),
                Arguments.of("Map<String, @Valid Bad> a", "@Valid on a Map's keys or values"),
                Arguments.of("String @Size(max = 1, message = \"m\") [] a", "applies to the type only"),
                Arguments.of("@NotNull(message = \"m\") String [] @Size(max = 1, message = \"s\") [] a", "inside an array type"),
                Arguments.of("List<@NotNull(message = \"m\") String>[] a", "inside an array type"),
                Arguments.of("@TypeOnly String a", "applies to the type only"),
                Arguments.of("@Composed String a", "composed of other constraints"),
                Arguments.of("@InheritsInitialize String a", "no initialize method"),
                Arguments.of("List<? extends @NotNull(message = \"m\") String> a", "on a Map's keys and values only"),
                Arguments.of("Map<String, List<? super @NotNull(message = \"m\") String>> a", "on a Map's keys and values only"),
                Arguments.of("Map<String, @NotNull(message = \"m\") String []> a", "on a Map's keys and values only"));
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
        sources.put("bad.TypeOnly", customConstraint("TypeOnly", "TypeOnlyValidator")
                .replace("@Retention", "@Target(ElementType.TYPE_USE)\n@Retention"));
        sources.put("bad.TypeOnlyValidator", validator("TypeOnlyValidator", "TypeOnly", ""));
        sources.put("bad.Composed", customConstraint("Composed", "ComposedValidator")
                .replace("@Retention", "@Size(max = 2, message = \"m\")\n@Retention"));
        sources.put("bad.ComposedValidator", validator("ComposedValidator", "Composed", ""));
        sources.put("bad.InheritsInitialize", customConstraint("InheritsInitialize", "InheritsInitializeValidator"));
        sources.put("bad.Initializes", "package bad;\n" + IMPORTS + """
                public abstract class Initializes<A extends Annotation> implements ConstraintValidator<A, String> {
                    @Override
                    public void initialize(A annotation) {
                    }
                }
                """);
        sources.put("bad.InheritsInitializeValidator", "package bad;\n" + IMPORTS
                + "public final class InheritsInitializeValidator extends Initializes<InheritsInitialize> {\n"
                + "    @Override\n    public boolean isValid(String value, ConstraintValidatorContext context) {\n"
                + "        return true;\n    }\n}\n");

        Compilation compilation = Compilation.of(directory, sources);

        assertThat(compilation.success()).isFalse();
        assertThat(compilation.errors()).anySatisfy(message -> assertThat(message).contains(error));
    }

    private static String validator(String name, String constraint, String members) {
        return "package bad;\n" + IMPORTS + "public final class " + name + " implements ConstraintValidator<" + constraint
                + ", String> {\n" + members + "    @Override\n    public boolean isValid(String value, "
                + "ConstraintValidatorContext context) {\n        return true;\n    }\n}\n";
    }

    static Stream<Arguments> unread() {
        return Stream.of(
                Arguments.of("@Anywhere public record Bad(String a) {\n}\n", "constraints on a record itself"),
                Arguments.of("public record Bad(String a) {\n    @Anywhere public Bad {\n    }\n}\n",
                        "constraints on constructor parameters are not checked"),
                Arguments.of("public record Bad(String a) {\n    @NotNull(message = \"m\") public String upper() {\n"
                        + "        return a;\n    }\n}\n", "constraints on methods are not checked"),
                Arguments.of("public record Bad(String a) {\n    public void set(@NotNull(message = \"m\") String b) {\n"
                        + "    }\n}\n", "constraints on methods are not checked"),
                Arguments.of("public record Bad(@NotNull(message = \"m\") String a) {\n    public String a() {\n"
                        + "        return a == null ? \"\" : a;\n    }\n}\n", "accessor must stay implicit"),
                Arguments.of("public record Bad(String a) {\n    public Bad(@NotNull(message = \"m\") String a, int b) {\n"
                        + "        this(a);\n    }\n}\n", "constraints on constructor parameters are not checked"),
                Arguments.of("public record Bad(String a) {\n    public Bad(@NotNull(message = \"m\") String a) {\n"
                        + "        this.a = a;\n    }\n}\n", "constraints on constructor parameters are not checked"),
                Arguments.of("public class Bad {\n    @NotNull(message = \"m\") String a;\n}\n", "record components only"),
                Arguments.of("public interface Bad {\n    @NotNull(message = \"m\") String getName();\n}\n",
                        "record components only"),
                Arguments.of("@Anywhere public class Bad {\n}\n", "record components only"),
                Arguments.of("public class Bad {\n    void run(List<@NotNull(message = \"m\") String> a) {\n    }\n}\n",
                        "record components only"));
    }

    @ParameterizedTest
    @MethodSource("unread")
    void refusesAValidationAnnotationItWouldNotRead(String declaration, String error, @TempDir java.nio.file.Path directory) {
        Map<String, String> sources = new HashMap<>(FIXTURE);
        sources.put("bad.Bad", "package bad;\n" + IMPORTS + declaration);
        sources.put("bad.Anywhere", customConstraint("Anywhere", "AnywhereValidator"));
        sources.put("bad.AnywhereValidator", validator("AnywhereValidator", "Anywhere", ""));

        Compilation compilation = Compilation.of(directory, sources);

        assertThat(compilation.success()).isFalse();
        assertThat(compilation.errors()).anySatisfy(message -> assertThat(message).contains(error));
    }

    @Test
    void acceptsAnExplicitCanonicalConstructorThatRepeatsNoConstraint(@TempDir java.nio.file.Path directory)
            throws Exception {
        Compilation compilation = Compilation.of(directory, Map.of("ok.Ok", "package ok;\n" + IMPORTS + """
                public record Ok(@Size(max = 1, message = "s") String a, int b) {
                    public Ok(String a, int b) {
                        this.a = a;
                        this.b = b;
                    }
                    public Ok(String a, long b) {
                        this(a, (int) b);
                    }
                }
                """));

        assertThat(compilation.errors()).isEmpty();
        Object tooLong = compilation.loader().loadClass("ok.Ok").getDeclaredConstructor(String.class, int.class)
                .newInstance("ab", 1);
        assertThat(Compilation.check(tooLong)).containsExactly("a: s");
    }

    @Test
    void keepsTheComponentsAnnotationsOnTheImplicitMembersAndACompactConstructor(@TempDir java.nio.file.Path directory)
            throws Exception {
        Compilation compilation = Compilation.of(directory, Map.of("ok.Ok", "package ok;\n" + IMPORTS + """
                public record Ok(@NotNull(message = "m") @Size(min = 1, message = "s") String a, int b) {
                    public Ok {
                        a = a == null ? null : a.strip();
                    }
                    public String shout() {
                        return a.toUpperCase(Locale.ROOT);
                    }
                }
                """));

        assertThat(compilation.errors()).isEmpty();
        Object blank = compilation.loader().loadClass("ok.Ok").getDeclaredConstructors()[0].newInstance("  ", 1);
        assertThat(Compilation.check(blank)).containsExactly("a: s");
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
                "package plain;\n" + IMPORTS + "public record Plain(@Deprecated String a, List<String> b) {\n"
                        + "    @NotNull(message = \"m\") static String ignored = null;\n}\n"));

        assertThat(compilation.errors()).isEmpty();
        assertThat(compilation.loader().loadClass("plain.Plain")).isRecord();
        assertThatThrownBy(() -> compilation.loader().loadClass("plain.PlainChecks"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
