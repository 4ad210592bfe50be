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
    void defaultsToARetainedIamAuthenticatedStackWithConcurrencySizedFromTheThrottle() {
        StackSettings defaults = settings(Map.of());

        assertThat(defaults).isEqualTo(new StackSettings(false, true, 1000, 2000, 30, 365, 90, List.of(), null, 500,
                500, "ERROR", null, 1000, 3));
        assertThat(defaults.hasWebAcl()).isFalse();
    }

    @Test
    void sizesReservedConcurrencyAsRequestsPerSecondTimesTheP99DurationRoundedUp() {
        assertThat(StackSettings.sizedConcurrency(1000, 500)).isEqualTo(500);
        assertThat(StackSettings.sizedConcurrency(50, 500)).isEqualTo(25);
        assertThat(StackSettings.sizedConcurrency(3, 300)).isEqualTo(1);
        assertThat(StackSettings.sizedConcurrency(7, 1001)).isEqualTo(8);
        assertThat(settings(Map.of("throttleRate", "200", "p99DurationMs", "1500")).reservedConcurrency()).isEqualTo(300);
        assertThat(settings(Map.of("reservedConcurrency", "none")).reservedConcurrency()).isNull();
        assertThat(settings(Map.of("reservedConcurrency", "40")).reservedConcurrency()).isEqualTo(40);
    }

    @Test
    void anOpenApiAlwaysGetsAWebAcl() {
        assertThat(settings(Map.of("auth", "none")).hasWebAcl()).isTrue();
        assertThat(settings(Map.of("webAclArn", "arn:aws:wafv2:eu-west-1:1:regional/webacl/a/b")).hasWebAcl()).isTrue();
    }

    @Test
    void refusesValuesItDoesNotKnowWithAMessageThatNamesTheOption() {
        assertThatThrownBy(() -> settings(Map.of("auth", "cognito"))).hasMessageContaining("auth");
        assertThatThrownBy(() -> settings(Map.of("removal", "yes"))).hasMessageContaining("removal");
        assertThatThrownBy(() -> settings(Map.of("throttleRate", "fast"))).hasMessageContaining("throttleRate");
        assertThatThrownBy(() -> settings(Map.of("executionLogLevel", "DEBUG"))).hasMessageContaining("executionLogLevel");
        assertThatThrownBy(() -> settings(Map.of("reservedConcurrency", "0"))).hasMessageContaining("reservedConcurrency");
        assertThatThrownBy(() -> settings(Map.of("wafRateLimit", "5"))).hasMessageContaining("wafRateLimit");
    }
}
