package dev.productupload.validation.processor;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.Set;

/**
 * Compiles the Jakarta Bean Validation constraints declared on records into plain Java: for each constrained record
 * {@code R}, a class {@code RChecks} (a nested record's enclosing names joined by {@code _}) beside it, with a static
 * {@code check(R value, String path, BiConsumer<String, String> violations)}. The checks read no annotation at run
 * time, so a fresh JVM validates its first command without reflection, proxies or a validator factory. Each record's
 * class is written from that record alone, so a compilation of some of a package's files leaves the others' intact.
 * {@link RecordChecks} says which constraints are understood; a validation annotation anywhere else is a compile
 * error, so that no rule is declared and left unchecked.
 */
@SupportedAnnotationTypes("*")
public final class ConstraintChecksProcessor extends AbstractProcessor {

    /** What the generated class of a record is called after: {@code UploadCommand} gets {@code UploadCommandChecks}. */
    public static final String SUFFIX = "Checks";

    /** The types already read, by name: javac may hand a type over again, among the root elements of a later round. */
    private final Set<String> visited = new HashSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            visit(root);
        }
        return false;
    }

    private void visit(Element element) {
        if (element instanceof TypeElement type && !visited.add(type.getQualifiedName().toString())) {
            return;
        }
        if (element.getKind() == ElementKind.RECORD) {
            TypeElement record = (TypeElement) element;
            RecordChecks checks = new RecordChecks(record, processingEnv);
            if (checks.isConstrained()) {
                String text = checks.write();
                if (text != null) {
                    write(record, text);
                }
            } else {
                checks.refuseElsewhere();
            }
        } else if (element.getKind() != ElementKind.ANNOTATION_TYPE
                && (element.getKind().isClass() || element.getKind().isInterface())) {
            refuseOutsideRecords((TypeElement) element);
        }
        for (Element enclosed : element.getEnclosedElements()) {
            if (enclosed.getKind().isClass() || enclosed.getKind().isInterface()) {
                visit(enclosed);
            }
        }
    }

    /** Constraints on other types than records would be declared and never checked. */
    private void refuseOutsideRecords(TypeElement type) {
        String error = "constraints are compiled on record components only; this one would not be checked";
        if (ValidationAnnotations.any(type.getAnnotationMirrors())) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, error, type);
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof VariableElement field && (ValidationAnnotations.any(field.getAnnotationMirrors())
                    || ValidationAnnotations.anywhereIn(field.asType()))) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, error, member);
            } else if (member instanceof ExecutableElement executable && RecordChecks.carriesValidation(executable)) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, error, member);
            }
        }
    }

    private void write(TypeElement record, String text) {
        String name = RecordChecks.checksClassName(record, processingEnv);
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(name, record);
            try (Writer writer = file.openWriter()) {
                writer.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
