package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The staged-upload routes through the handler, fed with API Gateway REST proxy events of the shape it sends. */
class StagedUploadHandlerTest {

    private static final byte[] BYTES = new byte[20 * 1024 * 1024];

    static {
        new Random(11).nextBytes(BYTES);
    }

    private final TestApi test = new TestApi();
    private final UploadHandler handler = new UploadHandler(test.api);

    private static ObjectNode event(String name) throws IOException {
        try (InputStream in = StagedUploadHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) ApiJson.mapper().readTree(in);
        }
    }

    private JsonNode invoke(JsonNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
        return ApiJson.mapper().readTree(out.toByteArray());
    }

    private static JsonNode body(JsonNode proxyResponse) {
        return TestApi.json(proxyResponse.path("body").asText());
    }

    @Test
    void createsAnUploadThenRecordsItsFileAsTheProductsFirstVersion() throws IOException {
        // given
        ObjectNode create = event("create-upload.json");
        create.put("body", "{\"fileName\":\"manual.pdf\",\"contentType\":\"application/pdf\",\"size\":" + BYTES.length
                + ",\"checksum\":{\"algorithm\":\"CRC32C\",\"value\":\"" + Checksum.crc32c(BYTES).value() + "\"}}");
        JsonNode created = invoke(create);
        assertThat(created.path("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        String uploadId = body(created).path("uploadId").asText();
        test.files.receive(FileReference.keyFor("sku-1001", uploadId, "manual.pdf"), new ByteArrayInputStream(BYTES),
                BYTES.length, "application/pdf", Checksum.crc32c(BYTES));
        ObjectNode complete = event("complete-upload.json");
        ((ObjectNode) complete.path("pathParameters")).put("uploadId", uploadId);
        complete.put("path", "/products/sku-1001/uploads/" + uploadId + "/complete");

        // when
        JsonNode completed = invoke(complete);

        // then
        assertThat(completed.path("statusCode").asInt()).as(completed.toString()).isEqualTo(201);
        assertThat(body(completed).path("product").path("version").asInt()).isEqualTo(1);
        assertThat(body(completed).path("file").path("size").asLong()).isEqualTo(BYTES.length);
    }

    @Test
    void answersTheSampleCompletionOfAnUploadNeverCreatedWith404() throws IOException {
        // when
        JsonNode response = invoke(event("complete-upload.json"));

        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:product-upload:problem:upload-not-found");
    }

    @Test
    void refusesTheSampleCreationInTheUploadsOwnWordsWhenTheFileIsOverTheInlineLimitOfUpload() throws IOException {
        // given: the inline upload refuses a file that a staged one takes
        ObjectNode inline = event("post-upload.json");
        inline.put("body", "{\"fileName\":\"big.bin\",\"fileData\":\"" + "A".repeat(6 * 1024 * 1024)
                + "\",\"productData\":{\"productId\":\"sku-1001\"}}");

        // when
        JsonNode refused = invoke(inline);
        JsonNode created = invoke(event("create-upload.json"));

        // then
        assertThat(refused.path("statusCode").asInt()).isEqualTo(413);
        assertThat(body(refused).path("detail").asText()).contains("POST /products/{productId}/uploads");
        assertThat(created.path("statusCode").asInt()).isEqualTo(201);
    }
}
