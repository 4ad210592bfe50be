package dev.productupload.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** API Gateway REST proxy events of each benchmarked shape, written to files both handlers read. */
final class Events {

    static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** A new product each time (no id), with a file of {@code fileBytes} random bytes, or none when 0. */
    static String body(int fileBytes, boolean withProduct) {
        ObjectNode body = JSON.createObjectNode();
        if (fileBytes > 0) {
            byte[] file = new byte[fileBytes];
            new Random(fileBytes).nextBytes(file);
            body.put("fileName", "spec-sheet.pdf");
            body.put("fileData", Base64.getEncoder().encodeToString(file));
            body.put("contentType", "application/pdf");
        }
        if (withProduct) {
            body.putObject("productData").put("productName", "Cordless Drill").put("price", new java.math.BigDecimal("129.90"))
                    .put("currency", "EUR").putObject("attributes").put("voltage", "18V");
        }
        return body.toString();
    }

    static ObjectNode event(String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", "/upload");
        event.put("path", "/upload");
        event.put("httpMethod", "POST");
        event.putObject("headers").put("Content-Type", "application/json").put("Host", "abc123.execute-api.us-east-1.amazonaws.com");
        event.putObject("requestContext").put("requestId", UUID.randomUUID().toString()).put("stage", "prod")
                .put("resourcePath", "/upload").put("httpMethod", "POST");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    static Path write(Path folder, String name, String body) {
        try {
            Path file = Files.createDirectories(folder).resolve(name + ".json");
            JSON.writeValue(file.toFile(), event(body));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
