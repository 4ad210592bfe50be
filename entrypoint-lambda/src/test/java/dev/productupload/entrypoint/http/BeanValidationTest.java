package dev.productupload.entrypoint.http;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeanValidationTest {

    private static final ProductData BAD_PRODUCT = new ProductData("bad id!", "", new BigDecimal("-1.005"), "eur",
            null, null, null);
    private static final UploadCommand BAD_UPLOAD = new UploadCommand("a.txt", new byte[1], "text/plain", BAD_PRODUCT);

    private static Set<String> violatedPaths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(violation -> violation.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    private static Validator inBackground(java.util.function.Supplier<Validator> build) {
        return BeanValidation.inBackground(build, validator -> { }, failure -> { });
    }

    @Test
    void theValidatorBuiltInTheBackgroundChecksEveryCommandLikeOneBuiltInPlace() {
        // given
        Validator inPlace = BeanValidation.validator();

        // when
        Validator background = BeanValidation.inBackground(failure -> { });

        // then: the cascaded product fields are checked by both, the same way
        CompleteUploadCommand complete = new CompleteUploadCommand("sku-1", "upload-1", BAD_PRODUCT);
        assertThat(violatedPaths(background.validate(BAD_UPLOAD)))
                .isEqualTo(violatedPaths(inPlace.validate(BAD_UPLOAD)))
                .contains("productData.productId", "productData.productName", "productData.price",
                        "productData.currency");
        assertThat(violatedPaths(background.validate(complete)))
                .isEqualTo(violatedPaths(inPlace.validate(complete)))
                .contains("productData.price");
    }

    @Test
    void aValidatorThatFailedToBuildInTheBackgroundReportsItOnceAndThrowsItsFailureAtEveryUse() throws Exception {
        // given
        IllegalStateException failure = new IllegalStateException("no provider");
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        Validator background = BeanValidation.inBackground(() -> {
            throw failure;
        }, validator -> { }, reported::complete);

        // when / then
        assertThat(reported.get(10, TimeUnit.SECONDS)).isSameAs(failure);
        assertThatThrownBy(() -> background.validate(BAD_UPLOAD)).isSameAs(failure);
        assertThatThrownBy(() -> background.getConstraintsForClass(UploadCommand.class)).isSameAs(failure);
    }

    @Test
    void aValidatorWhoseBuildFailedWithAnErrorThrowsThatError() {
        // given
        NoClassDefFoundError failure = new NoClassDefFoundError("org/hibernate/validator/HibernateValidator");
        Validator background = inBackground(() -> {
            throw failure;
        });

        // when / then
        assertThatThrownBy(background::forExecutables).isSameAs(failure);
    }

    @Test
    void everyMethodOfTheValidatorBuiltInTheBackgroundAnswersAsTheBuiltValidator() {
        // given
        Validator background = BeanValidation.inBackground(failure -> { });

        // when / then
        assertThat(background.getConstraintsForClass(ProductData.class).isBeanConstrained()).isTrue();
        assertThat(violatedPaths(background.validateProperty(BAD_PRODUCT, "price"))).containsExactly("price");
        assertThat(violatedPaths(background.validateValue(ProductData.class, "currency", "eur")))
                .containsExactly("currency");
        assertThat(background.unwrap(Validator.class)).isNotNull().isNotSameAs(background);
        assertThat(background.forExecutables()).isNotNull();
    }

    @Test
    void aRequestThatNeedsTheValidatorWhileItIsBuiltWaitsForItAndGetsItsAnswer() throws Exception {
        // given: a build that finishes only once the request's thread is parked, waiting for it
        AtomicReference<Thread> request = new AtomicReference<>();
        Validator background = inBackground(() -> {
            while (request.get() == null || request.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            return BeanValidation.validator();
        });

        // when
        CompletableFuture<Set<String>> answered = new CompletableFuture<>();
        Thread thread = new Thread(() -> answered.complete(violatedPaths(background.validate(BAD_UPLOAD))));
        request.set(thread);
        thread.start();

        // then
        assertThat(answered.get(30, TimeUnit.SECONDS)).contains("productData.price");
    }

    @Test
    void theValidatorCanBeUsedBeforeTheStagedCommandsAreWarmedUp() throws Exception {
        // given: warming the staged commands up does not end until the test lets it
        CountDownLatch release = new CountDownLatch(1);
        Validator background = BeanValidation.inBackground(BeanValidation::validator, validator -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, failure -> { });

        try {
            // when
            CompletableFuture<Set<String>> answered =
                    CompletableFuture.supplyAsync(() -> violatedPaths(background.validate(BAD_UPLOAD)));

            // then
            assertThat(answered.get(30, TimeUnit.SECONDS)).contains("productData.price");
        } finally {
            release.countDown();
        }
    }

    @Test
    void theWarmUpValidatesEveryConstrainedTypeOfTheUseCasesCommands() {
        // given: every type of the commands' package whose fields carry a constraint
        Set<Class<?>> constrained = new ClassFileImporter().importPackages("dev.productupload.domain.port.in").stream()
                .filter(type -> type.getAllFields().stream().anyMatch(field -> field.getAnnotations().stream()
                        .anyMatch(annotation -> annotation.getRawType().getPackageName().startsWith("jakarta.validation")
                                || annotation.getRawType().isAnnotatedWith(Constraint.class))))
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());

        // when: what the warm-up validates, with what it cascades to
        Set<Class<?>> warmed = new HashSet<>();
        Stream.concat(BeanValidation.UPLOAD.stream(), BeanValidation.STAGED.stream())
                .forEach(sample -> addWithCascades(sample.getClass(), warmed));

        // then
        assertThat(constrained).isNotEmpty();
        assertThat(warmed).containsAll(constrained);
    }

    private static void addWithCascades(Class<?> type, Set<Class<?>> into) {
        if (!into.add(type)) {
            return;
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(Valid.class)) {
                addWithCascades(field.getType(), into);
            }
        }
    }

    @Test
    void theWarmUpCommandsKeepTheirOwnConstraints() {
        Validator validator = BeanValidation.validator();
        List<Object> samples = Stream.concat(BeanValidation.UPLOAD.stream(), BeanValidation.STAGED.stream()).toList();
        assertThat(samples).allSatisfy(sample -> assertThat(validator.validate(sample)).isEmpty());
    }
}
