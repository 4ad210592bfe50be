package dev.productupload.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Stacks synthesized as the app does it: the feature flags of cdk.json, a small stand-in for the function's jar. */
final class TestStacks {

    private TestStacks() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProductUploadStack synthesize(Map<String, Object> extraContext) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.putAll(extraContext);
        App app = new App(AppProps.builder().context(context).build());
        ProductUploadStack stack = ProductUploadApp.build(app, dummyJar());
        app.synth();
        return stack;
    }

    private static Path dummyJar() {
        try {
            Path jar = Files.createDirectories(Path.of("target")).resolve("dummy-lambda.jar");
            if (!Files.exists(jar)) {
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                    zip.putNextEntry(new ZipEntry("README.txt"));
                    zip.write("stand-in for the function's jar in template tests".getBytes());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
