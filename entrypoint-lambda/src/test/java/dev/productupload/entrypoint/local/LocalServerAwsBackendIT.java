package dev.productupload.entrypoint.local;

import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.entrypoint.http.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar ...-local.jar --backend aws} against the S3- and DynamoDB-compatible servers. */
@ExtendWith(AwsBackendsExtension.class)
class LocalServerAwsBackendIT {

    @Test
    void createsItsResourcesAndStoresTheReadmeExampleWhereAnyClientSeesIt(AwsBackends servers) throws Exception {
        // given: names nobody created yet
        String name = "readme-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = servers.environment(name, name);
        List<String> options = new ArrayList<>(List.of("--backend", "aws", "--region", environment.get(AwsSettings.REGION),
                "--bucket", name, "--table", name, "--create-resources"));
        if (environment.containsKey(AwsSettings.S3_ENDPOINT)) {
            options.addAll(List.of("--s3-endpoint", environment.get(AwsSettings.S3_ENDPOINT),
                    "--dynamodb-endpoint", environment.get(AwsSettings.DYNAMODB_ENDPOINT)));
        }

        // when
        HttpResponse<String> response;
        try (LocalServerProcess server = LocalServerProcess.start(options, environment)) {
            response = server.post("""
                    {"fileName":"spec-sheet.pdf","fileData":"JVBERi0xLjQK","contentType":"application/pdf",
                     "productData":{"productId":"sku-1001","productName":"Cordless Drill","price":129.90,
                                    "currency":"EUR","attributes":{"voltage":"18V"}}}""");
        }

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        var file = TestApi.json(response.body()).path("file");
        AwsSettings where = servers.settingsFor(name, name);
        byte[] stored = servers.s3Client(where).getObjectAsBytes(get -> get.bucket(name)
                .key(file.path("key").asText()).versionId(file.path("versionId").asText())).asByteArray();
        assertThat(stored).isEqualTo(java.util.Base64.getDecoder().decode("JVBERi0xLjQK"));
        Map<String, AttributeValue> item = servers.dynamoDbClient(where).getItem(get -> get.tableName(name)
                .key(Map.of("productId", AttributeValue.fromS("sku-1001"), "version", AttributeValue.fromN("1")))).item();
        assertThat(item.get("productName").s()).isEqualTo("Cordless Drill");
        assertThat(item.get("price").n()).isEqualTo("129.9");
    }
}
