package dev.productupload.validation.processor;

import javax.annotation.processing.ProcessingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of one record's generated class: its constants (patterns compiled once, bounds parsed once, the validators of
 * custom constraints built once, each shared by every check that needs it) and its check methods.
 */
final class ChecksSource {

    private final String pkg;
    private final String className;
    private final String record;
    private final ProcessingEnvironment env;
    private final Map<String, String> constants = new LinkedHashMap<>();
    private final StringBuilder methods = new StringBuilder();

    ChecksSource(String pkg, String className, String record, ProcessingEnvironment env) {
        this.pkg = pkg;
        this.className = className;
        this.record = record;
        this.env = env;
    }

    /** A Java string literal of {@code value}. */
    String literal(String value) {
        return env.getElementUtils().getConstantExpression(value);
    }

    /** The name of a constant initialised by {@code initializer} of {@code type}, one per distinct initializer. */
    String constant(String type, String initializer) {
        String declaration = type + " = " + initializer;
        return constants.computeIfAbsent(declaration, key -> "C" + constants.size());
    }

    void method(String text) {
        methods.append(text);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (!pkg.isEmpty()) {
            out.append("package ").append(pkg).append(";\n\n");
        }
        out.append("/**\n")
                .append(" * The constraints declared on {@link ").append(record).append("}, compiled by ")
                .append(ConstraintChecksProcessor.class.getName()).append(".\n")
                .append(" * Each check reports a violation as its field's path and the constraint's message.\n")
                .append(" */\n")
                .append("public final class ").append(className).append(" {\n\n");
        for (Map.Entry<String, String> constant : constants.entrySet()) {
            String declaration = constant.getKey();
            int split = declaration.indexOf(" = ");
            out.append("    private static final ").append(declaration, 0, split).append(' ').append(constant.getValue())
                    .append(declaration.substring(split)).append(";\n");
        }
        out.append("\n    private ").append(className).append("() {\n    }\n");
        out.append(methods);
        out.append("}\n");
        return out.toString();
    }
}
