package dev.productupload.entrypoint.lambda;

import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hook of the production wiring calls the real clients and leaves the bucket and table untouched. */
@ExtendWith(AwsBackendsExtension.class)
class LambdaPrimingIT {

    @Test
    void primingBeforeASnapshotWritesNoObjectAndNoItem(AwsBackends servers) {
        // given
        AwsSettings settings = servers.freshResources();
        UploadHandler handler = new UploadHandler(LambdaComposition.create(
                servers.environment(settings.bucket(), settings.table()), servers.credentials()));

        // when
        handler.beforeCheckpoint(null);

        // then
        assertThat(servers.s3Client(settings).listObjectVersions(list -> list.bucket(settings.bucket())).versions()).isEmpty();
        assertThat(servers.dynamoDbClient(settings).scan(scan -> scan.tableName(settings.table())).items()).isEmpty();
    }
}
