package dev.productupload.entrypoint.http;

import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeanValidationTest {

    private static final ProductData BAD_PRODUCT = new ProductData("bad id!", "", new BigDecimal("-1.005"), "eur",
            null, null, null);

    private static Set<String> violatedPaths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(violation -> violation.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    @Test
    void theValidatorBuiltInTheBackgroundChecksEveryCommandLikeOneBuiltInPlace() {
        // given
        Validator inPlace = BeanValidation.validator();

        // when
        Validator background = BeanValidation.inBackground();

        // then: the cascaded product fields are checked by both, the same way
        UploadCommand upload = new UploadCommand("a.txt", new byte[1], "text/plain", BAD_PRODUCT);
        CompleteUploadCommand complete = new CompleteUploadCommand("sku-1", "upload-1", BAD_PRODUCT);
        assertThat(violatedPaths(background.validate(upload)))
                .isEqualTo(violatedPaths(inPlace.validate(upload)))
                .contains("productData.productId", "productData.productName", "productData.price",
                        "productData.currency");
        assertThat(violatedPaths(background.validate(complete)))
                .isEqualTo(violatedPaths(inPlace.validate(complete)))
                .contains("productData.price");
    }

    @Test
    void aValidatorThatFailedToBuildInTheBackgroundThrowsItsFailureAtEveryUse() {
        // given
        IllegalStateException failure = new IllegalStateException("no provider");
        Validator background = BeanValidation.inBackground(() -> {
            throw failure;
        }, validator -> { });
        UploadCommand upload = new UploadCommand("a.txt", new byte[1], "text/plain", BAD_PRODUCT);

        // when / then
        assertThatThrownBy(() -> background.validate(upload)).isSameAs(failure);
        assertThatThrownBy(() -> background.getConstraintsForClass(UploadCommand.class)).isSameAs(failure);
    }

    @Test
    void aValidatorWhoseBuildFailedWithAnErrorThrowsThatError() {
        // given
        NoClassDefFoundError failure = new NoClassDefFoundError("org/hibernate/validator/HibernateValidator");
        Validator background = BeanValidation.inBackground(() -> {
            throw failure;
        }, validator -> { });

        // when / then
        assertThatThrownBy(() -> background.forExecutables()).isSameAs(failure);
    }

    @Test
    void everyMethodOfTheValidatorBuiltInTheBackgroundAnswersAsTheBuiltValidator() {
        // given
        Validator background = BeanValidation.inBackground();

        // when / then
        assertThat(background.getConstraintsForClass(ProductData.class).isBeanConstrained()).isTrue();
        assertThat(violatedPaths(background.validateProperty(BAD_PRODUCT, "price"))).containsExactly("price");
        assertThat(violatedPaths(background.validateValue(ProductData.class, "currency", "eur")))
                .containsExactly("currency");
        assertThat(background.unwrap(Validator.class)).isNotNull().isNotSameAs(background);
        assertThat(background.forExecutables()).isNotNull();
    }

    @Test
    void aValidatorStillBuildingInTheBackgroundIsWaitedForAtItsFirstUse() {
        // given: a build that ends only when the test lets it
        CountDownLatch release = new CountDownLatch(1);
        Validator background = BeanValidation.inBackground(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return BeanValidation.validator();
        }, validator -> { });
        CompletableFuture<Set<ConstraintViolation<UploadCommand>>> validated = CompletableFuture.supplyAsync(
                () -> background.validate(new UploadCommand("a.txt", new byte[1], "text/plain", BAD_PRODUCT)));

        // when
        boolean doneBeforeBuilt = validated.completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join() == null;
        release.countDown();

        // then
        assertThat(doneBeforeBuilt).as("the first use waited for the build").isTrue();
    }

    @Test
    void theConstraintsReadAheadAreThoseOfEveryCommandTheUseCasesValidate() {
        Validator validator = BeanValidation.validator();
        assertThat(Stream.concat(BeanValidation.UPLOAD.stream(), BeanValidation.STAGED.stream())).allSatisfy(type ->
                assertThat(validator.getConstraintsForClass(type).isBeanConstrained())
                        .as(type.getSimpleName() + " has constraints").isTrue());
    }
}
