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
 * built the function's jar. Context {@code stackName} names the stack (default ProductUpload),
 * {@code lambdaJar} points at another jar, {@code functionPackage=aot} runs the API's function on the custom-runtime
 * package ({@code provided.al2023}, the architecture it was built for; default {@code java25}: the jar with
 * SnapStart), and {@code customRuntimePackage} points at another package.
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
                lambdaJar, functionCode(app, lambdaJar), StackSettings.fromContext(app.getNode()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        Aspects.of(app).add(new NIST80053R5Checks(NagPackProps.builder().verbose(true).reports(true).build()));
        return stack;
    }

    private static UploadFunction.Deployable functionCode(App app, Path lambdaJar) {
        Object choice = app.getNode().tryGetContext("functionPackage");
        String functionPackage = choice == null ? "java25" : choice.toString().strip();
        switch (functionPackage) {
            case "java25":
                return UploadFunction.Deployable.managedJar(lambdaJar);
            case "aot":
                Object given = app.getNode().tryGetContext("customRuntimePackage");
                return UploadFunction.Deployable.customRuntime(given != null ? Path.of(given.toString())
                        : built(".*-custom-runtime-(x86_64|arm64)\\.zip",
                        "run ./mvnw package with a JDK 25 (JAVA25_HOME) first"));
            default:
                throw new IllegalArgumentException("context functionPackage must be java25 or aot, not '"
                        + functionPackage + "'");
        }
    }

    private static Path lambdaJar(App app) {
        Object given = app.getNode().tryGetContext("lambdaJar");
        if (given != null) {
            return Path.of(given.toString());
        }
        return built(".*-lambda\\.jar", "run ./mvnw package first");
    }

    /** The file in entrypoint-lambda/target whose name matches {@code name}. */
    private static Path built(String name, String remedy) {
        Path target = Path.of("..", "entrypoint-lambda", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(path -> path.getFileName().toString().matches(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no file matching " + name + " in "
                            + target.toAbsolutePath().normalize() + ": " + remedy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
