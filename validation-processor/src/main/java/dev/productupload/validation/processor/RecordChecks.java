package dev.productupload.validation.processor;

import com.sun.source.util.Trees;

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
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.productupload.validation.processor.ValidationAnnotations.VALID;
import static dev.productupload.validation.processor.ValidationAnnotations.constraintOf;
import static dev.productupload.validation.processor.ValidationAnnotations.isBuiltIn;
import static dev.productupload.validation.processor.ValidationAnnotations.nameOf;
import static dev.productupload.validation.processor.ValidationAnnotations.simpleName;

/**
 * The checks of one record. Understood, as Hibernate Validator applies them to the same types: {@code @NotNull};
 * {@code @Size} on character sequences, arrays, collections and maps; {@code @Pattern} (without flags) on character
 * sequences; {@code @DecimalMin}, {@code @DecimalMax} and {@code @Digits} on {@code BigDecimal}; {@code @Positive}
 * on integral numbers and {@code BigDecimal}; a custom constraint whose one validator has a no-argument constructor
 * and no {@code initialize} (it is called with a null context) and which composes no other constraint; {@code @Valid}
 * on a constrained record; and any of these but {@code @Valid} on the key and value types of a {@code Map}
 * component. Constraints are read from the record's components, through their implicit accessors. Refused, as
 * compile errors: any other constraint, groups, {@code @Pattern} flags, bounds Hibernate Validator would refuse, a
 * message that a message interpolator would rewrite ({@code {}, {@code }}, {@code $}, a backslash before a
 * backslash), and a validation annotation anywhere else: on the record, its methods or constructors, an explicit
 * accessor of a constrained component, a type-use-only position, or deeper inside a type.
 */
final class RecordChecks {

    private static final Set<String> BUILT_IN = Set.of("NotNull", "Size", "Pattern", "DecimalMin", "DecimalMax",
            "Digits", "Positive");
    private static final String CONSTRAINT_VALIDATOR = "jakarta.validation.ConstraintValidator";

    private final TypeElement record;
    private final ProcessingEnvironment env;
    private final Types types;
    private final Trees trees;
    private final ChecksSource source;
    private final StringBuilder body = new StringBuilder();
    private boolean complete = true;
    private int locals;

    RecordChecks(TypeElement record, ProcessingEnvironment env) {
        this.record = record;
        this.env = env;
        this.types = env.getTypeUtils();
        this.trees = treesOf(env);
        String name = checksClassName(record, env);
        String pkg = env.getElementUtils().getPackageOf(record).getQualifiedName().toString();
        this.source = new ChecksSource(pkg, name.substring(name.lastIndexOf('.') + 1),
                record.getQualifiedName().toString(), env);
    }

    private static Trees treesOf(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException e) {
            // Not javac: explicit and implicit accessors cannot be told apart; accessors are then taken as implicit.
            return null;
        }
    }

    /** The qualified name of the class generated for {@code record}. */
    static String checksClassName(TypeElement record, ProcessingEnvironment env) {
        String pkg = env.getElementUtils().getPackageOf(record).getQualifiedName().toString();
        String qualified = record.getQualifiedName().toString();
        String nested = pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1);
        String simple = nested.replace('.', '_') + ConstraintChecksProcessor.SUFFIX;
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    /** Whether a component of the record carries a validation annotation, on its type or inside it included. */
    boolean isConstrained() {
        return isConstrained(record);
    }

    private static boolean isConstrained(TypeElement record) {
        for (VariableElement field : fields(record)) {
            if (isConstrained(field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConstrained(VariableElement field) {
        return ValidationAnnotations.any(field.getAnnotationMirrors()) || ValidationAnnotations.anywhereIn(field.asType());
    }

    /** Whether a method or constructor carries a validation annotation, on itself, its result or its parameters. */
    static boolean carriesValidation(ExecutableElement executable) {
        if (ValidationAnnotations.any(executable.getAnnotationMirrors())
                || ValidationAnnotations.anywhereIn(executable.getReturnType())) {
            return true;
        }
        for (VariableElement parameter : executable.getParameters()) {
            if (ValidationAnnotations.any(parameter.getAnnotationMirrors())
                    || ValidationAnnotations.anywhereIn(parameter.asType())) {
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

    /**
     * The text of the record's class, or null with errors reported when its constraints cannot be compiled
     * faithfully.
     */
    String write() {
        refuseElsewhere();
        body.append("\n    /** Reports each violation of {@code value}'s constraints, its path prefixed with {@code path}. */\n")
                .append("    public static void check(").append(record.getQualifiedName())
                .append(" value, String path, java.util.function.BiConsumer<String, String> violations) {\n");
        for (RecordComponentElement component : record.getRecordComponents()) {
            writeComponent(component, fieldNamed(component.getSimpleName().toString()));
        }
        body.append("    }\n");
        if (!complete) {
            return null;
        }
        source.method(body.toString());
        return source.text();
    }

    /** Reports a validation annotation wherever the checks would not read it: anywhere but the components. */
    void refuseElsewhere() {
        if (ValidationAnnotations.any(record.getAnnotationMirrors())) {
            error(record, "constraints on a record itself are not understood; declare them on its components");
        }
        Set<String> components = new HashSet<>();
        for (RecordComponentElement component : record.getRecordComponents()) {
            components.add(component.getSimpleName().toString());
        }
        for (ExecutableElement method : ElementFilter.methodsIn(record.getEnclosedElements())) {
            boolean accessor = method.getParameters().isEmpty() && components.contains(method.getSimpleName().toString());
            if (accessor && !isExplicit(method)) {
                continue;
            }
            if (accessor && isConstrained(fieldNamed(method.getSimpleName().toString()))) {
                error(method, "a constrained component's accessor must stay implicit: the checks read the accessor, "
                        + "Hibernate Validator the field");
            } else if (carriesValidation(method)) {
                error(method, "constraints on methods are not checked; declare them on the record's components");
            }
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(record.getEnclosedElements())) {
            refuseOnConstructor(constructor);
        }
    }

    private boolean isExplicit(ExecutableElement method) {
        return trees != null && trees.getTree(method) != null;
    }

    /** The canonical constructor's parameters carry the components' annotations; anything beyond them is refused. */
    private void refuseOnConstructor(ExecutableElement constructor) {
        List<VariableElement> fields = fields(record);
        List<? extends VariableElement> parameters = constructor.getParameters();
        boolean canonical = parameters.size() == fields.size();
        for (int i = 0; canonical && i < parameters.size(); i++) {
            canonical = types.isSameType(types.erasure(parameters.get(i).asType()), types.erasure(fields.get(i).asType()));
        }
        String error = "constraints on constructor parameters are not checked; declare them on the record's components";
        if (ValidationAnnotations.any(constructor.getAnnotationMirrors())) {
            error(constructor, error);
        }
        for (int i = 0; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            boolean asTheComponent = canonical
                    && ValidationAnnotations.of(parameter.getAnnotationMirrors()).toString()
                    .equals(ValidationAnnotations.of(fields.get(i).getAnnotationMirrors()).toString())
                    && parameter.asType().toString().equals(fields.get(i).asType().toString());
            if (!asTheComponent && (ValidationAnnotations.any(parameter.getAnnotationMirrors())
                    || ValidationAnnotations.anywhereIn(parameter.asType()))) {
                error(parameter, error);
            }
        }
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
        StringBuilder checks = new StringBuilder();
        List<AnnotationMirror> declared = ValidationAnnotations.of(field.getAnnotationMirrors());
        Set<String> declaredTypes = new HashSet<>();
        for (AnnotationMirror annotation : declared) {
            declaredTypes.add(nameOf(annotation));
        }
        for (AnnotationMirror annotation : ValidationAnnotations.of(type.getAnnotationMirrors())) {
            if (!declaredTypes.contains(nameOf(annotation))) {
                error(field, "@" + simpleName(annotation) + " applies to the type only (TYPE_USE) and would not be "
                        + "checked on a record component; let it target fields too");
            }
        }
        String path = "path + " + source.literal(name);
        String cascadePath = "path + " + source.literal(name + ".");
        writeConstraints(field, declared, type, local, path, cascadePath, checks, "        ");
        if (type instanceof ArrayType array) {
            refuseInArray(field, array, declaredTypes);
        } else {
            writeContainerElements(field, type, local, path, checks);
        }
        if (checks.length() > 0) {
            body.append("        var ").append(local).append(" = value.").append(component.getAccessor().getSimpleName())
                    .append("();\n").append(checks);
        }
    }

    /**
     * A declaration annotation on an array component is also read (JLS 9.7.4) as a type annotation of its element
     * type: those are the declaration's; any other in the array is refused.
     */
    private void refuseInArray(Element field, ArrayType array, Set<String> declaredTypes) {
        TypeMirror element = array.getComponentType();
        while (element instanceof ArrayType inner) {
            if (ValidationAnnotations.any(element.getAnnotationMirrors())) {
                error(field, "constraints inside an array type are not understood");
                return;
            }
            element = inner.getComponentType();
        }
        for (AnnotationMirror annotation : ValidationAnnotations.of(element.getAnnotationMirrors())) {
            if (!declaredTypes.contains(nameOf(annotation))) {
                error(field, "constraints inside an array type are not understood");
                return;
            }
        }
        if (ValidationAnnotations.anywhereBelow(element)) {
            error(field, "constraints inside an array type are not understood");
        }
    }

    private void writeContainerElements(Element field, TypeMirror type, String local, String path, StringBuilder out) {
        if (!ValidationAnnotations.anywhereBelow(type)) {
            return;
        }
        List<? extends TypeMirror> arguments = type instanceof DeclaredType declared ? declared.getTypeArguments() : List.of();
        if (!isA(type, "java.util.Map") || arguments.size() != 2
                || ValidationAnnotations.anywhereBelow(arguments.get(0)) || ValidationAnnotations.anywhereBelow(arguments.get(1))) {
            error(field, "constraints inside a type are understood on a Map's keys and values only");
            return;
        }
        String entry = "e" + locals++;
        String key = "k" + locals++;
        String value = "m" + locals++;
        // The path of a key or a value is the map's, then the key, as Hibernate Validator's container element node;
        // written out only with a violation, so that a valid map's walk builds no strings.
        String entryPath = "(" + key + " == null ? " + path + " : " + path + " + \".\" + " + key + ")";
        StringBuilder checks = new StringBuilder();
        String indent = "                ";
        for (int i = 0; i < 2; i++) {
            List<AnnotationMirror> annotations = ValidationAnnotations.of(arguments.get(i).getAnnotationMirrors());
            if (annotations.stream().anyMatch(annotation -> nameOf(annotation).equals(VALID))) {
                error(field, "@Valid on a Map's keys or values is not understood");
                return;
            }
            writeConstraints(field, annotations, arguments.get(i), i == 0 ? key : value, entryPath, null, checks, indent);
        }
        out.append("        if (").append(local).append(" != null) {\n")
                .append("            for (var ").append(entry).append(" : ").append(local).append(".entrySet()) {\n")
                .append("                var ").append(key).append(" = ").append(entry).append(".getKey();\n")
                .append("                var ").append(value).append(" = ").append(entry).append(".getValue();\n")
                .append(checks)
                .append("            }\n")
                .append("        }\n");
    }

    private void writeConstraints(Element field, List<AnnotationMirror> annotations, TypeMirror type, String local,
                                  String path, String cascadePath, StringBuilder out, String indent) {
        boolean nullable = !type.getKind().isPrimitive();
        for (AnnotationMirror annotation : annotations) {
            if (nameOf(annotation).equals(VALID)) {
                writeCascade(field, type, local, cascadePath, out, indent);
                continue;
            }
            Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                    env.getElementUtils().getElementValuesWithDefaults(annotation);
            String message = message(field, annotation, values);
            if (!((List<?>) value(values, "groups")).isEmpty()) {
                error(field, "@" + simpleName(annotation) + ": groups are not supported");
                continue;
            }
            if (message == null) {
                continue;
            }
            String report = "violations.accept(" + path + ", " + source.literal(message) + ");";
            if (nameOf(annotation).equals(ValidationAnnotations.CONSTRAINTS + "NotNull")) {
                if (nullable) {
                    out.append(indent).append("if (").append(local).append(" == null) ").append(report).append('\n');
                }
                continue;
            }
            String valid = isBuiltIn(annotation)
                    ? builtInCondition(field, simpleName(annotation), values, type, local)
                    : customCondition(field, annotation, local);
            if (valid != null) {
                out.append(indent).append("if (").append(nullable ? local + " != null && " : "").append("!(")
                        .append(valid).append(")) ").append(report).append('\n');
            }
        }
    }

    private void writeCascade(Element field, TypeMirror type, String local, String cascadePath, StringBuilder out,
                              String indent) {
        Element target = types.asElement(type);
        if (!(target instanceof TypeElement targetType) || targetType.getKind() != ElementKind.RECORD
                || !isConstrained(targetType)) {
            error(field, "@Valid is understood on a record with constraints only");
            return;
        }
        out.append(indent).append("if (").append(local).append(" != null) ").append(checksClassName(targetType, env))
                .append(".check(").append(local).append(", ").append(cascadePath).append(", violations);\n");
    }

    /** The Java condition that holds when {@code local}, not null, meets the built-in constraint; null when refused. */
    private String builtInCondition(Element field, String constraint, Map<? extends ExecutableElement,
            ? extends AnnotationValue> values, TypeMirror type, String local) {
        switch (constraint) {
            case "Size" -> {
                String length = lengthOf(type, local);
                int min = (Integer) value(values, "min");
                int max = (Integer) value(values, "max");
                if (length == null) {
                    return unsupported(field, constraint, type);
                }
                if (min < 0 || max < 0 || min > max) {
                    return refused(field, "@Size: min " + min + " and max " + max + " make no range");
                }
                return min > 0 ? length + " >= " + min + " && " + length + " <= " + max : length + " <= " + max;
            }
            case "Pattern" -> {
                if (!isA(type, "java.lang.CharSequence")) {
                    return unsupported(field, constraint, type);
                }
                if (!((List<?>) value(values, "flags")).isEmpty()) {
                    return refused(field, "@Pattern: flags are not supported; write them into the expression, e.g. (?i)");
                }
                String regexp = (String) value(values, "regexp");
                try {
                    java.util.regex.Pattern.compile(regexp);
                } catch (java.util.regex.PatternSyntaxException e) {
                    return refused(field, "@Pattern: " + e.getDescription() + " in " + regexp);
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
                    return refused(field, "@" + constraint + ": '" + bound + "' is not a decimal number");
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
                if (integer < 0 || fraction < 0) {
                    return refused(field, "@Digits: integer " + integer + " and fraction " + fraction + " must not be negative");
                }
                // Hibernate Validator's reading of a BigDecimal as it is, trailing zeros counted.
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
                return refused(field, "@" + constraint + " is not understood by "
                        + ConstraintChecksProcessor.class.getSimpleName() + "; understood: "
                        + String.join(", ", BUILT_IN.stream().sorted().toList()));
            }
        }
    }

    private String customCondition(Element field, AnnotationMirror annotation, String local) {
        String name = simpleName(annotation);
        Map<? extends ExecutableElement, ? extends AnnotationValue> constraint = constraintOf(annotation);
        List<?> validators = (List<?>) value(constraint, "validatedBy");
        if (validators.size() != 1) {
            return refused(field, "@" + name + ": a custom constraint needs exactly one validator");
        }
        if (ValidationAnnotations.any(annotation.getAnnotationType().asElement().getAnnotationMirrors())) {
            return refused(field, "@" + name + ": a constraint composed of other constraints is not understood");
        }
        TypeMirror validatorType = (TypeMirror) ((AnnotationValue) validators.get(0)).getValue();
        TypeElement validator = (TypeElement) types.asElement(validatorType);
        boolean hasDefaultConstructor = ElementFilter.constructorsIn(validator.getEnclosedElements()).stream()
                .anyMatch(constructor -> constructor.getParameters().isEmpty()
                        && !constructor.getModifiers().contains(Modifier.PRIVATE));
        boolean initializes = ElementFilter.methodsIn(env.getElementUtils().getAllMembers(validator)).stream()
                .anyMatch(method -> method.getSimpleName().contentEquals("initialize")
                        && !((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals(CONSTRAINT_VALIDATOR));
        if (!hasDefaultConstructor || initializes || validator.getModifiers().contains(Modifier.ABSTRACT)) {
            return refused(field, "@" + name + ": its validator " + validator.getQualifiedName()
                    + " must have a no-argument constructor and no initialize method");
        }
        String constant = source.constant(validator.getQualifiedName().toString(),
                "new " + validator.getQualifiedName() + "()");
        return constant + ".isValid(" + local + ", null)";
    }

    private String message(Element field, AnnotationMirror annotation,
                           Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
        String message = (String) value(values, "message");
        if (message.contains("{") || message.contains("}") || message.contains("$") || message.contains("\\\\")) {
            return refused(field, "@" + simpleName(annotation) + ": the message '" + message
                    + "' would be interpolated; write it out without '{', '}', '$' or '\\\\'");
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
                : type.getKind().toString().toLowerCase(Locale.ROOT);
        return refused(field, "@" + constraint + " is not understood on " + name);
    }

    /** Reports {@code message} as an error on {@code element}; null, for the condition that cannot be written. */
    private String refused(Element element, String message) {
        error(element, message);
        return null;
    }

    private void error(Element element, String message) {
        complete = false;
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    private static Object value(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        throw new IllegalStateException("no element " + name);
    }
}
