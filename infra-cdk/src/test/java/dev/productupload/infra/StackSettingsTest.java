package dev.productupload.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private static StackSettings settings(Map<String, Object> context) {
        return StackSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }

    @Test
    void defaultsToARetainedIamAuthenticatedStack() {
        StackSettings defaults = settings(Map.of());

        assertThat(defaults).isEqualTo(new StackSettings(false, true, 1000, 2000, 30, 90, List.of(), null, null, "ERROR"));
    }

    @Test
    void refusesValuesItDoesNotKnowWithAMessageThatNamesTheOption() {
        assertThatThrownBy(() -> settings(Map.of("auth", "cognito"))).hasMessageContaining("auth");
        assertThatThrownBy(() -> settings(Map.of("removal", "yes"))).hasMessageContaining("removal");
        assertThatThrownBy(() -> settings(Map.of("throttleRate", "fast"))).hasMessageContaining("throttleRate");
        assertThatThrownBy(() -> settings(Map.of("executionLogLevel", "DEBUG"))).hasMessageContaining("executionLogLevel");
    }
}
