package dev.productupload.validation.processor;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the Jakarta Bean Validation constraints declared on records into plain Java: for each package with
 * constrained records, a class {@value #CLASS_NAME} with one {@code check} method per record. The checks read no
 * annotation at run time, so a fresh JVM validates its first command without reflection, proxies or a validator
 * factory. {@link RecordChecks} says which constraints are understood; any other use of one is a compile error.
 */
@SupportedAnnotationTypes("*")
public final class ConstraintChecksProcessor extends AbstractProcessor {

    /** The simple name of the class generated in each package. */
    public static final String CLASS_NAME = "ConstraintChecks";

    private final Set<String> generatedPackages = new HashSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<String, Set<TypeElement>> recordsByPackage = new LinkedHashMap<>();
        for (Element root : round.getRootElements()) {
            collectRecords(root, recordsByPackage);
        }
        for (Map.Entry<String, Set<TypeElement>> entry : recordsByPackage.entrySet()) {
            generate(entry.getKey(), entry.getValue());
        }
        return false;
    }

    private void collectRecords(Element element, Map<String, Set<TypeElement>> recordsByPackage) {
        if (element.getKind() == ElementKind.RECORD) {
            TypeElement type = (TypeElement) element;
            if (RecordChecks.isConstrained(type, processingEnv)) {
                String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
                recordsByPackage.computeIfAbsent(pkg, key -> new LinkedHashSet<>()).add(type);
            }
        }
        for (Element enclosed : element.getEnclosedElements()) {
            if (enclosed.getKind().isClass() || enclosed.getKind().isInterface()) {
                collectRecords(enclosed, recordsByPackage);
            }
        }
    }

    private void generate(String pkg, Set<TypeElement> records) {
        PackageElement packageElement = processingEnv.getElementUtils().getPackageElement(pkg);
        if (!generatedPackages.add(pkg)) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "constrained records of package " + pkg + " appear in more than one round of processing",
                    packageElement);
            return;
        }
        ChecksSource source = new ChecksSource(pkg, CLASS_NAME, processingEnv);
        boolean complete = true;
        for (TypeElement record : records) {
            complete &= new RecordChecks(record, source, processingEnv).write();
        }
        if (!complete) {
            return;
        }
        String name = pkg.isEmpty() ? CLASS_NAME : pkg + "." + CLASS_NAME;
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(name, records.toArray(new Element[0]));
            try (Writer writer = file.openWriter()) {
                writer.write(source.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
