package dev.productupload.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A throwaway, open stack with every context option set: each one shows in the template. */
class ProductUploadStackContextTest {

    private static ProductUploadStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.synthesize(Map.of(
                "stackName", "ProductUploadDev",
                "removal", "destroy",
                "auth", "none",
                "throttleRate", "50",
                "throttleBurst", "100",
                "logRetentionDays", "7",
                "noncurrentVersionDays", "30",
                "corsOrigins", "https://shop.example.com, https://admin.example.com",
                "alarmEmail", "oncall@example.com",
                "reservedConcurrency", "20"));
        template = Template.fromStack(stack);
    }

    @Test
    void opensTheApiOnlyWhenAskedAndSaysSoInAWarning() {
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST", "AuthorizationType", "NONE"));
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*auth=none.*"))).hasSize(1);
    }

    @Test
    void letsAThrowawayStackDeleteItsData() {
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("VersioningConfiguration", Map.of("Status", "Enabled")))));
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false))));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Delete"));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/ProductUploadDev"));
    }

    @Test
    void takesThrottlingRetentionLifecycleCorsAlarmsAndConcurrencyFromContext() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings", List.of(Match.objectLike(Map.of(
                "ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)))));
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", 7))))
                .hasSize(2);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                Match.arrayWith(List.of(Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))))))));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(
                Match.objectLike(Map.of(
                        "AllowedOrigins", List.of("https://shop.example.com", "https://admin.example.com"),
                        "AllowedMethods", List.of("GET", "HEAD")))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 20));
    }

    @Test
    void staysCleanUnderCdkNagWithItsOwnReasonedSuppressions() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("^(AwsSolutions|Serverless|CdkNag).*"))).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
