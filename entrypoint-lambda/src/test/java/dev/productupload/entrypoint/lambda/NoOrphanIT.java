package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.entrypoint.http.ApiJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sequential uploads straight to the servers, no proxy and no fault injected: every object version in the bucket
 * is one that a product version references. The SDK's retries of puts whose answers it lost are where orphans
 * came from.
 */
@ExtendWith(AwsBackendsExtension.class)
class NoOrphanIT {

    static final int UPLOADS = Integer.getInteger("noOrphan.uploads", 200);

    private final AwsBackends servers;

    NoOrphanIT(AwsBackends servers) {
        this.servers = servers;
    }

    @Test
    void sequentialUploadsLeaveNoObjectVersionThatNoProductReferences() throws Exception {
        // given
        AwsSettings settings = servers.freshResources();
        UploadHandler handler = new UploadHandler(LambdaComposition.create(
                servers.directEnvironment(settings.bucket(), settings.table()), servers.credentials()));
        ObjectNode event;
        try (InputStream in = NoOrphanIT.class.getResourceAsStream("/events/post-upload.json")) {
            event = (ObjectNode) ApiJson.mapper().readTree(in);
        }

        // when
        int created = 0;
        for (int i = 0; i < UPLOADS; i++) {
            event.put("body", "{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\",\"productData\":"
                    + "{\"productName\":\"Drill\",\"price\":1}}");
            ((ObjectNode) event.path("requestContext")).put("requestId", UUID.randomUUID().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(ApiJson.mapper().writeValueAsBytes(event)), out, null);
            JsonNode response = ApiJson.mapper().readTree(out.toByteArray());
            created += response.path("statusCode").asInt() == 201 ? 1 : 0;
        }

        // then
        Set<String> referenced = new HashSet<>();
        for (Map<String, AttributeValue> item : servers.dynamoDbClient(settings)
                .scanPaginator(scan -> scan.tableName(settings.table())).items()) {
            item.get("files").l().forEach(file -> referenced.add(file.m().get("key").s() + "@" + file.m().get("versionId").s()));
        }
        Set<String> stored = new HashSet<>();
        for (ObjectVersion version : servers.s3Client(settings)
                .listObjectVersionsPaginator(list -> list.bucket(settings.bucket())).versions()) {
            stored.add(version.key() + "@" + version.versionId());
        }
        Set<String> orphans = new HashSet<>(stored);
        orphans.removeAll(referenced);
        System.out.printf("no-orphan: %d uploads, %d answered 201, %d object versions, %d orphans%n",
                UPLOADS, created, stored.size(), orphans.size());
        assertThat(created).isEqualTo(UPLOADS);
        assertThat(orphans).isEmpty();
        assertThat(stored).isEqualTo(referenced);
    }
}
