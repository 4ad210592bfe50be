import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * How long Hibernate Validator takes to build in a fresh JVM, with or without the META-INF/validation.xml lookup.
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp entrypoint-lambda/target/*-lambda.jar \
 *     bench/ValidatorInitProbe.java with-xml|no-xml
 */
public class ValidatorInitProbe {
    public static void main(String[] args) {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        long start = System.nanoTime();
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator());
        if (args[0].equals("no-xml")) {
            configuration = configuration.ignoreXmlConfiguration();
        }
        ValidatorFactory factory = configuration.buildValidatorFactory();
        Validator validator = factory.getValidator();
        System.out.printf("%s %.0f ms%n", args[0], (System.nanoTime() - start) / 1e6);
    }
}
