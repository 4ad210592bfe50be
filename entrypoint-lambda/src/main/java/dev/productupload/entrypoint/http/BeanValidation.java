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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the validator the use cases check commands with: Hibernate Validator, without Expression Language, warmed
 * by validating one valid command of each kind, so that no request pays for reading the commands' constraints
 * (reflection, one annotation proxy class per constraint type: 60-90 ms in a fresh JVM even with the AOT cache,
 * docs/benchmarks.md) or for initialising their validators (patterns compiled, the currency list read).
 */
public final class BeanValidation {

    private static final ProductData PRODUCT = new ProductData("warm-up-1", "Warm-up", new BigDecimal("1.00"), "EUR",
            "warm-up", Map.of("warm-up", "warm-up"), 1L);
    /** What {@code POST /upload} validates; its product data cascades. */
    static final List<Object> UPLOAD = List.of(new UploadCommand("warm-up.txt", new byte[1], "text/plain", PRODUCT));
    /** What the staged-upload routes validate besides; the checksum and the product data cascade. */
    static final List<Object> STAGED = List.of(
            new CreateUploadCommand("warm-up-1", "warm-up.txt", "text/plain", 1L,
                    new CreateUploadCommand.AnnouncedChecksum("CRC32C", "AAAAAA==")),
            new CompleteUploadCommand("warm-up-1", "warm-up", PRODUCT));
    /** The longest a request waits for a validator still being built before it takes the build for failed. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    private BeanValidation() {
    }

    public static Validator validator() {
        Validator validator = unwarmed();
        warm(validator, UPLOAD);
        warm(validator, STAGED);
        return validator;
    }

    /**
     * A validator warmed for {@code POST /upload} only, built in place: the staged uploads' commands are read at
     * their first validation.
     */
    public static Validator forUploads() {
        Validator validator = unwarmed();
        warm(validator, UPLOAD);
        return validator;
    }

    private static Validator unwarmed() {
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

    private static void warm(Validator validator, List<Object> samples) {
        for (Object sample : samples) {
            Set<ConstraintViolation<Object>> violations = validator.validate(sample);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("a warm-up command breaks its own constraints: " + violations);
            }
        }
    }

    /**
     * {@link #validator()}, built on a thread of its own while the function's init goes on: the validator returned
     * waits for it at its first use. It can be used once it has validated what {@code POST /upload} validates; the
     * staged uploads' commands are validated after that. A build that fails, or outlasts {@link #LONGEST_WAIT}, is
     * handed to {@code onFailure}, which should end the process, so that Lambda starts a new environment instead of
     * keeping one that refuses every write.
     */
    public static Validator inBackground(Consumer<Throwable> onFailure) {
        return inBackground(BeanValidation::forUploads, validator -> warm(validator, STAGED), onFailure);
    }

    /** {@code build}, then, once the validator can be used, {@code andThen} on the same thread. */
    static Validator inBackground(Supplier<Validator> build, Consumer<Validator> andThen, Consumer<Throwable> onFailure) {
        CompletableFuture<Validator> building = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Validator built;
            try {
                built = build.get();
            } catch (Throwable e) {
                building.completeExceptionally(e);
                onFailure.accept(e);
                return;
            }
            building.complete(built);
            try {
                andThen.accept(built);
            } catch (RuntimeException e) {
                // The staged commands are then read at their first validation, as without the warm-up.
                onFailure.accept(e);
            }
        }, "validator-init");
        thread.setDaemon(true);
        thread.start();
        return new Deferred(building, onFailure);
    }

    private static final class Deferred implements Validator {

        private final CompletableFuture<Validator> building;
        private final Consumer<Throwable> onFailure;

        private Deferred(CompletableFuture<Validator> building, Consumer<Throwable> onFailure) {
            this.building = building;
            this.onFailure = onFailure;
        }

        private Validator built() {
            try {
                return building.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                IllegalStateException failure = new IllegalStateException(
                        "the validator was not built within " + LONGEST_WAIT.toSeconds() + " s", e);
                onFailure.accept(failure);
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the validator was being built", e);
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
