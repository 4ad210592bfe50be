package dev.productupload.validation.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What counts as a Bean Validation annotation: {@code @Valid}, the built-in constraints, any annotation whose type
 * is meta-annotated with {@code @Constraint}, and the containers of repeated ones ({@code @Pattern.List} and the
 * like), which are read as the constraints they hold.
 */
final class ValidationAnnotations {

    static final String CONSTRAINTS = "jakarta.validation.constraints.";
    static final String VALID = "jakarta.validation.Valid";
    static final String CONSTRAINT = "jakarta.validation.Constraint";

    private ValidationAnnotations() {
    }

    /** The validation annotations among {@code annotations}, containers replaced by what they hold. */
    static List<AnnotationMirror> of(List<? extends AnnotationMirror> annotations) {
        List<AnnotationMirror> found = new ArrayList<>();
        for (AnnotationMirror annotation : annotations) {
            if (isValidation(annotation)) {
                found.add(annotation);
            } else {
                found.addAll(contained(annotation));
            }
        }
        return found;
    }

    static boolean any(List<? extends AnnotationMirror> annotations) {
        return !of(annotations).isEmpty();
    }

    /** Whether a validation annotation sits on {@code type} or anywhere inside it (arguments, bounds, components). */
    static boolean anywhereIn(TypeMirror type) {
        if (any(type.getAnnotationMirrors())) {
            return true;
        }
        return anywhereBelow(type);
    }

    /** Whether a validation annotation sits inside {@code type}, not on it. */
    static boolean anywhereBelow(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            for (TypeMirror argument : declared.getTypeArguments()) {
                if (anywhereIn(argument)) {
                    return true;
                }
            }
        } else if (type instanceof ArrayType array) {
            return anywhereIn(array.getComponentType());
        } else if (type instanceof WildcardType wildcard) {
            return wildcard.getExtendsBound() != null && anywhereIn(wildcard.getExtendsBound())
                    || wildcard.getSuperBound() != null && anywhereIn(wildcard.getSuperBound());
        }
        return false;
    }

    static String nameOf(AnnotationMirror annotation) {
        return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    static String simpleName(AnnotationMirror annotation) {
        String name = nameOf(annotation);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static boolean isBuiltIn(AnnotationMirror annotation) {
        return nameOf(annotation).startsWith(CONSTRAINTS);
    }

    /** The elements of the {@code @Constraint} meta-annotation of a custom constraint, else null. */
    static Map<? extends ExecutableElement, ? extends AnnotationValue> constraintOf(AnnotationMirror annotation) {
        if (isBuiltIn(annotation)) {
            return null;
        }
        for (AnnotationMirror meta : annotation.getAnnotationType().asElement().getAnnotationMirrors()) {
            if (nameOf(meta).equals(CONSTRAINT)) {
                return meta.getElementValues();
            }
        }
        return null;
    }

    private static boolean isValidation(AnnotationMirror annotation) {
        String name = nameOf(annotation);
        return name.equals(VALID) || name.startsWith(CONSTRAINTS) && contained(annotation).isEmpty()
                || constraintOf(annotation) != null;
    }

    /** The annotations a container such as {@code @Pattern.List} holds in its {@code value}, if they are validation ones. */
    private static List<AnnotationMirror> contained(AnnotationMirror annotation) {
        List<AnnotationMirror> held = new ArrayList<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> element
                : annotation.getElementValues().entrySet()) {
            if (element.getKey().getSimpleName().contentEquals("value") && element.getValue().getValue() instanceof List<?> values) {
                for (Object value : values) {
                    if (value instanceof AnnotationValue item && item.getValue() instanceof AnnotationMirror inner
                            && isValidation(inner)) {
                        held.add(inner);
                    }
                }
            }
        }
        return held;
    }
}
