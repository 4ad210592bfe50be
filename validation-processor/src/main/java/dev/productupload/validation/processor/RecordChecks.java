package dev.productupload.validation.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check method of one record. Understood, as Hibernate Validator applies them to the same types:
 * {@code @NotNull}; {@code @Size} on character sequences, arrays, collections and maps; {@code @Pattern} (without
 * flags) on character sequences; {@code @DecimalMin}, {@code @DecimalMax} and {@code @Digits} on {@code BigDecimal};
 * {@code @Positive} on integral numbers and {@code BigDecimal}; a custom constraint whose one validator has a
 * no-argument constructor and no {@code initialize} of its own (it is called without a context); {@code @Valid} on a
 * constrained record; and any of these on the key and value types of a {@code Map} component. Constraints are read
 * from the records' fields, where they land from the record header; groups are not supported. A message is taken as
 * written, so it may not hold what a message interpolator would rewrite ({@code {}, {@code }}, {@code $}, a
 * backslash before a backslash).
 */
final class RecordChecks {

    private static final String CONSTRAINTS = "jakarta.validation.constraints.";
    private static final String VALID = "jakarta.validation.Valid";
    private static final String CONSTRAINT = "jakarta.validation.Constraint";
    private static final Set<String> BUILT_IN = Set.of("NotNull", "Size", "Pattern", "DecimalMin", "DecimalMax",
            "Digits", "Positive");

    private final TypeElement record;
    private final ChecksSource source;
    private final ProcessingEnvironment env;
    private final Types types;
    private final StringBuilder body = new StringBuilder();
    private boolean complete = true;
    private int locals;
    private String cascadePath;

    RecordChecks(TypeElement record, ChecksSource source, ProcessingEnvironment env) {
        this.record = record;
        this.source = source;
        this.env = env;
        this.types = env.getTypeUtils();
    }

    /** Whether any field of {@code record} carries a constraint or {@code @Valid}, on its type arguments included. */
    static boolean isConstrained(TypeElement record, ProcessingEnvironment env) {
        for (VariableElement field : fields(record)) {
            if (hasValidationAnnotation(field.getAnnotationMirrors())) {
                return true;
            }
            if (field.asType() instanceof DeclaredType declared) {
                for (TypeMirror argument : declared.getTypeArguments()) {
                    if (hasValidationAnnotation(argument.getAnnotationMirrors())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasValidationAnnotation(List<? extends AnnotationMirror> annotations) {
        for (AnnotationMirror annotation : annotations) {
            String name = nameOf(annotation);
            if (name.equals(VALID) || name.startsWith(CONSTRAINTS) || isCustomConstraint(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static List<VariableElement> fields(TypeElement record) {
        return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
                .filter(field -> !field.getModifiers().contains(Modifier.STATIC))
                .toList();
    }

    /** Appends the record's check method to the source; false, with errors reported, when it cannot be compiled. */
    boolean write() {
        String type = record.getQualifiedName().toString();
        body.append("\n    /** Reports each violation of {@code value}'s constraints, its path prefixed with {@code path}. */\n")
                .append("    public static void check(").append(type)
                .append(" value, String path, java.util.function.BiConsumer<String, String> violations) {\n");
        for (RecordComponentElement component : record.getRecordComponents()) {
            VariableElement field = fieldNamed(component.getSimpleName().toString());
            writeComponent(component, field);
        }
        body.append("    }\n");
        if (complete) {
            source.method(body.toString());
        }
        return complete;
    }

    private VariableElement fieldNamed(String name) {
        for (VariableElement field : fields(record)) {
            if (field.getSimpleName().contentEquals(name)) {
                return field;
            }
        }
        throw new IllegalStateException("record " + record + " has no field for its component " + name);
    }

    private void writeComponent(RecordComponentElement component, VariableElement field) {
        TypeMirror type = field.asType();
        String name = component.getSimpleName().toString();
        String local = "v" + locals++;
        String path = "path + " + source.literal(name);
        cascadePath = "path + " + source.literal(name + ".");
        StringBuilder checks = new StringBuilder();
        writeConstraints(field, field.getAnnotationMirrors(), type, local, path, checks, "        ");
        writeContainerElements(field, type, local, path, checks);
        if (checks.length() > 0) {
            body.append("        var ").append(local).append(" = value.").append(component.getAccessor().getSimpleName())
                    .append("();\n").append(checks);
        }
    }

    private void writeContainerElements(Element field, TypeMirror type, String local, String path, StringBuilder out) {
        if (!(type instanceof DeclaredType declared) || declared.getTypeArguments().isEmpty()) {
            return;
        }
        List<? extends TypeMirror> arguments = declared.getTypeArguments();
        boolean constrained = false;
        for (TypeMirror argument : arguments) {
            constrained |= hasValidationAnnotation(argument.getAnnotationMirrors());
        }
        if (!constrained) {
            return;
        }
        if (!isA(type, "java.util.Map") || arguments.size() != 2) {
            error(field, "constraints on type arguments are understood on Map keys and values only");
            return;
        }
        String entry = "e" + locals++;
        String key = "k" + locals++;
        String value = "m" + locals++;
        String entryPath = "p" + locals++;
        StringBuilder checks = new StringBuilder();
        String indent = "                ";
        writeConstraints(field, arguments.get(0).getAnnotationMirrors(), arguments.get(0), key, entryPath, checks, indent);
        writeConstraints(field, arguments.get(1).getAnnotationMirrors(), arguments.get(1), value, entryPath, checks, indent);
        // The path of a key or a value is the map's, then the key, as Hibernate Validator's container element node.
        out.append("        if (").append(local).append(" != null) {\n")
                .append("            for (var ").append(entry).append(" : ").append(local).append(".entrySet()) {\n")
                .append("                var ").append(key).append(" = ").append(entry).append(".getKey();\n")
                .append("                var ").append(value).append(" = ").append(entry).append(".getValue();\n")
                .append("                String ").append(entryPath).append(" = ").append(key).append(" == null ? ")
                .append(path).append(" : ").append(path).append(" + \".\" + ").append(key).append(";\n")
                .append(checks)
                .append("            }\n")
                .append("        }\n");
    }

    private void writeConstraints(Element field, List<? extends AnnotationMirror> annotations, TypeMirror type,
                                  String local, String path, StringBuilder out, String indent) {
        boolean nullable = !type.getKind().isPrimitive();
        for (AnnotationMirror annotation : annotations) {
            String name = nameOf(annotation);
            if (name.equals(VALID)) {
                writeCascade(field, type, local, path, out, indent);
                continue;
            }
            boolean builtIn = name.startsWith(CONSTRAINTS);
            if (!builtIn && !isCustomConstraint(annotation)) {
                continue;
            }
            Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                    env.getElementUtils().getElementValuesWithDefaults(annotation);
            String message = message(field, annotation, values);
            if (!((List<?>) value(values, "groups")).isEmpty()) {
                error(field, "@" + simpleName(name) + ": groups are not supported");
                continue;
            }
            if (message == null) {
                continue;
            }
            String report = "violations.accept(" + path + ", " + source.literal(message) + ");";
            if (name.equals(CONSTRAINTS + "NotNull")) {
                if (nullable) {
                    out.append(indent).append("if (").append(local).append(" == null) ").append(report).append('\n');
                }
                continue;
            }
            String valid = builtIn
                    ? builtInCondition(field, simpleName(name), values, type, local)
                    : customCondition(field, annotation, local);
            if (valid == null) {
                continue;
            }
            out.append(indent).append("if (").append(nullable ? local + " != null && " : "").append("!(").append(valid)
                    .append(")) ").append(report).append('\n');
        }
    }

    private void writeCascade(Element field, TypeMirror type, String local, String path, StringBuilder out,
                              String indent) {
        Element target = types.asElement(type);
        if (!(target instanceof TypeElement targetType) || targetType.getKind() != ElementKind.RECORD
                || !isConstrained(targetType, env)) {
            error(field, "@Valid is understood on a record with constraints only");
            return;
        }
        String pkg = env.getElementUtils().getPackageOf(targetType).getQualifiedName().toString();
        String checks = pkg.isEmpty() ? ConstraintChecksProcessor.CLASS_NAME : pkg + "." + ConstraintChecksProcessor.CLASS_NAME;
        out.append(indent).append("if (").append(local).append(" != null) ").append(checks).append(".check(")
                .append(local).append(", ").append(cascadePath).append(", violations);\n");
    }

    private String builtInCondition(Element field, String constraint, Map<? extends ExecutableElement,
            ? extends AnnotationValue> values, TypeMirror type, String local) {
        switch (constraint) {
            case "Size" -> {
                String length = lengthOf(type, local);
                if (length == null) {
                    return unsupported(field, constraint, type);
                }
                int min = (Integer) value(values, "min");
                int max = (Integer) value(values, "max");
                if (min > 0 && max < Integer.MAX_VALUE) {
                    return length + " >= " + min + " && " + length + " <= " + max;
                }
                return min > 0 ? length + " >= " + min : length + " <= " + max;
            }
            case "Pattern" -> {
                if (!isA(type, "java.lang.CharSequence")) {
                    return unsupported(field, constraint, type);
                }
                if (!((List<?>) value(values, "flags")).isEmpty()) {
                    error(field, "@Pattern: flags are not supported; write them into the expression, e.g. (?i)");
                    return null;
                }
                String regexp = (String) value(values, "regexp");
                try {
                    java.util.regex.Pattern.compile(regexp);
                } catch (java.util.regex.PatternSyntaxException e) {
                    error(field, "@Pattern: " + e.getDescription() + " in " + regexp);
                    return null;
                }
                String pattern = source.constant("java.util.regex.Pattern",
                        "java.util.regex.Pattern.compile(" + source.literal(regexp) + ")");
                return pattern + ".matcher(" + local + ").matches()";
            }
            case "DecimalMin", "DecimalMax" -> {
                if (!isA(type, "java.math.BigDecimal")) {
                    return unsupported(field, constraint, type);
                }
                String bound = (String) value(values, "value");
                try {
                    new BigDecimal(bound);
                } catch (NumberFormatException e) {
                    error(field, "@" + constraint + ": '" + bound + "' is not a decimal number");
                    return null;
                }
                String constant = source.constant("java.math.BigDecimal",
                        "new java.math.BigDecimal(" + source.literal(bound) + ")");
                boolean inclusive = (Boolean) value(values, "inclusive");
                String comparison = constraint.equals("DecimalMin") ? (inclusive ? " >= 0" : " > 0")
                        : (inclusive ? " <= 0" : " < 0");
                return local + ".compareTo(" + constant + ")" + comparison;
            }
            case "Digits" -> {
                if (!isA(type, "java.math.BigDecimal")) {
                    return unsupported(field, constraint, type);
                }
                int integer = (Integer) value(values, "integer");
                int fraction = (Integer) value(values, "fraction");
                return local + ".precision() - " + local + ".scale() <= " + integer + " && (" + local + ".scale() < 0 ? 0 : "
                        + local + ".scale()) <= " + fraction;
            }
            case "Positive" -> {
                if (isA(type, "java.math.BigDecimal")) {
                    return local + ".signum() > 0";
                }
                if (isIntegral(type)) {
                    return local + " > 0";
                }
                return unsupported(field, constraint, type);
            }
            default -> {
                error(field, "@" + constraint + " is not understood by " + ConstraintChecksProcessor.class.getSimpleName()
                        + "; understood: " + String.join(", ", BUILT_IN.stream().sorted().toList()));
                return null;
            }
        }
    }

    private String customCondition(Element field, AnnotationMirror annotation, String local) {
        String name = simpleName(nameOf(annotation));
        Map<? extends ExecutableElement, ? extends AnnotationValue> constraint = constraintOf(annotation);
        List<?> validators = constraint.keySet().stream().anyMatch(element -> element.getSimpleName().contentEquals("validatedBy"))
                ? (List<?>) value(constraint, "validatedBy") : List.of();
        if (validators.size() != 1) {
            error(field, "@" + name + ": a custom constraint needs exactly one validator");
            return null;
        }
        TypeMirror validatorType = (TypeMirror) ((AnnotationValue) validators.get(0)).getValue();
        TypeElement validator = (TypeElement) types.asElement(validatorType);
        boolean hasDefaultConstructor = ElementFilter.constructorsIn(validator.getEnclosedElements()).stream()
                .anyMatch(constructor -> constructor.getParameters().isEmpty()
                        && !constructor.getModifiers().contains(Modifier.PRIVATE));
        boolean initializes = ElementFilter.methodsIn(validator.getEnclosedElements()).stream()
                .anyMatch(method -> method.getSimpleName().contentEquals("initialize"));
        if (!hasDefaultConstructor || initializes) {
            error(field, "@" + name + ": its validator " + validator.getQualifiedName()
                    + " must have a no-argument constructor and no initialize method");
            return null;
        }
        String constant = source.constant(validator.getQualifiedName().toString(),
                "new " + validator.getQualifiedName() + "()");
        return constant + ".isValid(" + local + ", null)";
    }

    private String message(Element field, AnnotationMirror annotation,
                           Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
        String message = (String) value(values, "message");
        if (message.contains("{") || message.contains("}") || message.contains("$") || message.contains("\\\\")) {
            error(field, "@" + simpleName(nameOf(annotation)) + ": the message '" + message
                    + "' would be interpolated; write it out without '{', '}', '$' or '\\\\'");
            return null;
        }
        return message;
    }

    private String lengthOf(TypeMirror type, String local) {
        if (type.getKind() == TypeKind.ARRAY) {
            return local + ".length";
        }
        if (isA(type, "java.lang.CharSequence")) {
            return local + ".length()";
        }
        if (isA(type, "java.util.Collection") || isA(type, "java.util.Map")) {
            return local + ".size()";
        }
        return null;
    }

    private boolean isIntegral(TypeMirror type) {
        TypeMirror unboxed = type;
        if (!type.getKind().isPrimitive()) {
            try {
                unboxed = types.unboxedType(type);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return Set.of(TypeKind.LONG, TypeKind.INT, TypeKind.SHORT, TypeKind.BYTE).contains(unboxed.getKind());
    }

    private boolean isA(TypeMirror type, String className) {
        TypeElement target = env.getElementUtils().getTypeElement(className);
        return type.getKind() == TypeKind.DECLARED
                && types.isAssignable(types.erasure(type), types.erasure(target.asType()));
    }

    private String unsupported(Element field, String constraint, TypeMirror type) {
        Element element = types.asElement(type);
        String name = element instanceof TypeElement typeElement ? typeElement.getQualifiedName().toString()
                : type.getKind().toString().toLowerCase(java.util.Locale.ROOT);
        error(field, "@" + constraint + " is not understood on " + name);
        return null;
    }

    private void error(Element field, String message) {
        complete = false;
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, field);
    }

    private static boolean isCustomConstraint(AnnotationMirror annotation) {
        return constraintOf(annotation) != null;
    }

    private static Map<? extends ExecutableElement, ? extends AnnotationValue> constraintOf(AnnotationMirror annotation) {
        for (AnnotationMirror meta : annotation.getAnnotationType().asElement().getAnnotationMirrors()) {
            if (nameOf(meta).equals(CONSTRAINT) && !nameOf(annotation).startsWith(CONSTRAINTS)) {
                return meta.getElementValues();
            }
        }
        return null;
    }

    private static Object value(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        throw new IllegalStateException("no element " + name);
    }

    private static String nameOf(AnnotationMirror annotation) {
        return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
