package dev.productupload.entrypoint.http;

import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.CreateUploadCommand;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the validator the use cases check commands with: Hibernate Validator, without Expression Language, with
 * the constraints of every command already read, so no request pays for reading them.
 */
public final class BeanValidation {

    /** What {@code POST /upload} validates: its command and the product data it cascades to. */
    static final List<Class<?>> UPLOAD = List.of(UploadCommand.class, ProductData.class);
    /** What the staged-upload routes validate besides. */
    static final List<Class<?>> STAGED = List.of(CreateUploadCommand.class, CompleteUploadCommand.class);

    private BeanValidation() {
    }

    public static Validator validator() {
        Validator validator = unread();
        readConstraints(validator, UPLOAD);
        readConstraints(validator, STAGED);
        return validator;
    }

    private static Validator unread() {
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

    /**
     * Hibernate Validator reads a class's constraints (reflection, one annotation proxy class per constraint type)
     * at its first validation: 60-90 ms in a fresh JVM even with the AOT cache (docs/benchmarks.md).
     */
    private static void readConstraints(Validator validator, List<Class<?>> commands) {
        commands.forEach(validator::getConstraintsForClass);
    }

    /**
     * {@link #validator()}, built on a thread of its own while the function's init goes on: the validator returned
     * waits for it at its first use, and throws what building it threw at every use. It can be used once it has
     * read what {@code POST /upload} validates; the staged uploads' commands are read after that.
     */
    public static Validator inBackground() {
        return inBackground(() -> {
            Validator validator = unread();
            readConstraints(validator, UPLOAD);
            return validator;
        }, validator -> readConstraints(validator, STAGED));
    }

    /** {@code build}, then, once the validator can be used, {@code andThen} on the same thread. */
    static Validator inBackground(Supplier<Validator> build, Consumer<Validator> andThen) {
        CompletableFuture<Validator> building = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Validator built;
            try {
                built = build.get();
            } catch (Throwable e) {
                building.completeExceptionally(e);
                return;
            }
            building.complete(built);
            andThen.accept(built);
        }, "validator-init");
        thread.setDaemon(true);
        thread.start();
        return new Deferred(building);
    }

    private static final class Deferred implements Validator {

        private final CompletableFuture<Validator> building;

        private Deferred(CompletableFuture<Validator> building) {
            this.building = building;
        }

        private Validator built() {
            try {
                return building.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
            return built().validate(object, groups);
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
            return built().validateProperty(object, propertyName, groups);
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
                                                             Class<?>... groups) {
            return built().validateValue(beanType, propertyName, value, groups);
        }

        @Override
        public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
            return built().getConstraintsForClass(clazz);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return built().unwrap(type);
        }

        @Override
        public ExecutableValidator forExecutables() {
            return built().forExecutables();
        }
    }
}
