package dev.productupload.entrypoint.lambda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployable jar holds the handler and what it uses, and nothing the function must not carry. */
class LambdaJarContentsIT {

    private static List<String> entries() throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void holdsTheHandlerTheRequestSchemaAndTheLightHttpClient() throws IOException {
        assertThat(entries()).contains(
                "dev/productupload/entrypoint/lambda/UploadHandler.class",
                "schema/upload-request.schema.json",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    }

    @Test
    void leavesOutTheLocalRunAndTheHeavyHttpClients() throws IOException {
        assertThat(entries()).noneMatch(entry -> entry.startsWith("dev/productupload/adapters/local/")
                || entry.startsWith("dev/productupload/entrypoint/local/")
                || entry.startsWith("software/amazon/awssdk/http/apache")
                || entry.startsWith("software/amazon/awssdk/http/nio/netty")
                || entry.startsWith("org/apache/hc/")
                || entry.startsWith("org/apache/http/")
                || entry.startsWith("io/netty/"));
    }
}
