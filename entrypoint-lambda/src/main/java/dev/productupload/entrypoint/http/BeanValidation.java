package dev.productupload.entrypoint.http;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Builds the validator the use case checks commands with: Hibernate Validator, without Expression Language. */
public final class BeanValidation {

    private BeanValidation() {
    }

    public static Validator validator() {
        // Hibernate Validator's start-up banner would otherwise go to stderr as a non-JSON log line.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        return Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory()
                .getValidator();
    }
}
