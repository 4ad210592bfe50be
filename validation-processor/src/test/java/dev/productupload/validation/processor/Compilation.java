package dev.productupload.validation.processor;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Sources compiled in this JVM with the processor, as the build compiles the domain. */
final class Compilation {

    private final Path output;
    private final boolean success;
    private final List<String> errors;

    private Compilation(Path output, boolean success, List<String> errors) {
        this.output = output;
        this.success = success;
        this.errors = errors;
    }

    /** Compiles {@code sources} (class name to text) under {@code directory}. */
    static Compilation of(Path directory, Map<String, String> sources) {
        try {
            Path sourceDir = Files.createDirectories(directory.resolve("src"));
            Path classes = Files.createDirectories(directory.resolve("classes"));
            Path generated = Files.createDirectories(directory.resolve("generated"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null,
                    StandardCharsets.UTF_8)) {
                JavaCompiler.CompilationTask task = compiler.getTask(null, fileManager, diagnostics,
                        List.of("-d", classes.toString(), "-s", generated.toString(),
                                "-classpath", System.getProperty("java.class.path"), "--release", "17"),
                        null, fileManager.getJavaFileObjectsFromPaths(files));
                task.setProcessors(List.of(new ConstraintChecksProcessor()));
                boolean success = task.call();
                List<String> errors = diagnostics.getDiagnostics().stream()
                        .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                        .map(diagnostic -> diagnostic.getMessage(null))
                        .toList();
                return new Compilation(classes, success, errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean success() {
        return success;
    }

    List<String> errors() {
        return errors;
    }

    ClassLoader loader() {
        try {
            return new URLClassLoader(new URL[] {output.toUri().toURL()}, Compilation.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The violations the generated checks of {@code value}'s record report for it, as "path: message". */
    static List<String> check(Object value) {
        try {
            Class<?> checks = value.getClass().getClassLoader()
                    .loadClass(value.getClass().getName().replace('$', '_') + ConstraintChecksProcessor.SUFFIX);
            Method check = checks.getMethod("check", value.getClass(), String.class, BiConsumer.class);
            List<String> violations = new ArrayList<>();
            BiConsumer<String, String> sink = (path, message) -> violations.add(path + ": " + message);
            check.invoke(null, value, "", sink);
            return violations;
        } catch (ReflectiveOperationException e) {
            if (e instanceof InvocationTargetException invocation && invocation.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }
}
