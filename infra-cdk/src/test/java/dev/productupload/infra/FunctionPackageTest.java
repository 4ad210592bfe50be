package dev.productupload.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Context {@code functionPackage}: the jar on {@code java25} with SnapStart by default, or the custom-runtime
 * package on {@code provided.al2023} for the architecture its name says, without SnapStart.
 */
class FunctionPackageTest {

    private static Path dummyPackage(String architecture) {
        try {
            Path zip = Files.createDirectories(Path.of("target"))
                    .resolve("dummy-custom-runtime-" + architecture + ".zip");
            if (!Files.exists(zip)) {
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                    out.putNextEntry(new ZipEntry("bootstrap"));
                    out.write("#!/bin/sh\n".getBytes());
                    out.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> apiFunction(Template template) {
        Templates templates = new Templates(template);
        return templates.properties(templates.logicalId("AWS::Lambda::Function", "UploadFunction"));
    }

    @Test
    void byDefaultTheApiFunctionRunsTheJarOnJava25Arm64WithSnapStart() {
        Template template = Template.fromStack(TestStacks.synthesize(Map.of()));

        assertThat(apiFunction(template))
                .containsEntry("Runtime", "java25")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void withFunctionPackageAotTheApiFunctionRunsThePackageOnProvidedAl2023ForItsArchitectureWithoutSnapStart() {
        // given
        ProductUploadStack stack = TestStacks.synthesize(Map.of("functionPackage", "aot",
                "customRuntimePackage", dummyPackage("x86_64").toString()));
        Template template = Template.fromStack(stack);

        // then
        Map<String, Object> function = apiFunction(template);
        assertThat(function)
                .containsEntry("Runtime", "provided.al2023")
                .containsEntry("Architectures", List.of("x86_64"))
                .doesNotContainKey("SnapStart");
        assertThat(function.get("Environment").toString()).doesNotContain("JAVA_TOOL_OPTIONS");
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ReconcileFunction.HANDLER, "Runtime", "java25")));
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("^(AwsSolutions|Serverless|NIST|CdkNag).*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void aPackageBuiltOnArm64RunsOnArm64() {
        Template template = Template.fromStack(TestStacks.synthesize(Map.of("functionPackage", "aot",
                "customRuntimePackage", dummyPackage("arm64").toString())));

        assertThat(apiFunction(template))
                .containsEntry("Runtime", "provided.al2023")
                .containsEntry("Architectures", List.of("arm64"));
    }

    @Test
    void refusesAPackageWhoseNameDoesNotSayItsArchitectureAndAnUnknownChoice() {
        assertThatThrownBy(() -> TestStacks.synthesize(Map.of("functionPackage", "aot",
                "customRuntimePackage", "target/package.zip")))
                .hasMessageContaining("-x86_64.zip or -arm64.zip");
        assertThatThrownBy(() -> TestStacks.synthesize(Map.of("functionPackage", "native")))
                .hasMessageContaining("functionPackage must be java25 or aot");
    }
}
