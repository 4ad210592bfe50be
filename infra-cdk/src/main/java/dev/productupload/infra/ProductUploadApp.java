package dev.productupload.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CDK app: {@code npx aws-cdk@2 synth} or {@code deploy} from {@code infra-cdk}, after {@code ./mvnw package}
 * built the function's jar. Context {@code stackName} names the stack (default ProductUpload) and
 * {@code lambdaJar} points at another jar.
 */
public final class ProductUploadApp {

    private ProductUploadApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, lambdaJar(app));
        app.synth();
    }

    /** The stack with the cdk-nag packs on it (AwsSolutions, Serverless, NIST 800-53 rev 5); tests build theirs so. */
    public static ProductUploadStack build(App app, Path lambdaJar) {
        Object name = app.getNode().tryGetContext("stackName");
        ProductUploadStack stack = new ProductUploadStack(app, name == null ? "ProductUpload" : name.toString(),
                StackProps.builder()
                        .env(Environment.builder()
                                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                                .region(System.getenv("CDK_DEFAULT_REGION"))
                                .build())
                        .description("product-upload: POST /upload stores products in DynamoDB and their files in S3; GET /products reads them")
                        .build(),
                lambdaJar, StackSettings.fromContext(app.getNode()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        Aspects.of(app).add(new NIST80053R5Checks(NagPackProps.builder().verbose(true).reports(true).build()));
        return stack;
    }

    private static Path lambdaJar(App app) {
        Object given = app.getNode().tryGetContext("lambdaJar");
        if (given != null) {
            return Path.of(given.toString());
        }
        Path target = Path.of("..", "entrypoint-lambda", "target");
        try (Stream<Path> jars = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return jars.filter(path -> path.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no *-lambda.jar in " + target.toAbsolutePath().normalize() + ": run ./mvnw package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
