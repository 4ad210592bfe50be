package dev.productupload.entrypoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.entrypoint.http.ApiJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What one scheduled or manual run is asked to do: the function's environment, and what its event overrides. */
class ReconcileHandlerTest {

    private static ReconcileHandler handlerWith(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(AwsSettings.REGION, "eu-west-1",
                AwsSettings.BUCKET_NAME, "files", AwsSettings.TABLE_NAME, "products"));
        environment.putAll(extra);
        return new ReconcileHandler(environment, StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
    }

    private static JsonNode event(String json) throws Exception {
        return ApiJson.mapper().readTree(json);
    }

    @Test
    void aScheduledEventRunsForRealWithTheDefaultMinimumAgeOfAnHour() throws Exception {
        // given: what an EventBridge schedule sends
        JsonNode scheduled = event("""
                {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","detail":{}}""");

        // when
        ReconcileCommand command = handlerWith(Map.of()).commandFor(scheduled);

        // then
        assertThat(command.dryRun()).isFalse();
        assertThat(command.minAge()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theEnvironmentSetsTheMinimumAgeAndAnEventOverridesItAndTheDryRunForOneRun() throws Exception {
        // given
        ReconcileHandler handler = handlerWith(Map.of(ReconcileHandler.MIN_AGE, "PT2H"));

        // when
        ReconcileCommand fromEnvironment = handler.commandFor(event("{}"));
        ReconcileCommand overridden = handler.commandFor(event("{\"dryRun\":true,\"minAge\":\"PT6H\"}"));

        // then
        assertThat(fromEnvironment.minAge()).isEqualTo(Duration.ofHours(2));
        assertThat(overridden.minAge()).isEqualTo(Duration.ofHours(6));
        assertThat(overridden.dryRun()).isTrue();
    }
}
