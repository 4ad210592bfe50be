package dev.productupload.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.productupload.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** A throwaway, open stack with every context option set: each one shows in the template. */
class ProductUploadStackContextTest {

    private static ProductUploadStack stack;
    private static Template template;
    private static Templates templates;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.synthesize(Map.ofEntries(
                Map.entry("stackName", "ProductUploadDev"),
                Map.entry("removal", "destroy"),
                Map.entry("auth", "none"),
                Map.entry("throttleRate", "50"),
                Map.entry("throttleBurst", "100"),
                Map.entry("logRetentionDays", "7"),
                Map.entry("accessLogRetentionDays", "90"),
                Map.entry("noncurrentVersionDays", "30"),
                Map.entry("corsOrigins", "https://shop.example.com, https://admin.example.com"),
                Map.entry("alarmEmail", "oncall@example.com"),
                Map.entry("reservedConcurrency", "20"),
                Map.entry("wafRateLimit", "300"),
                Map.entry("listingIndexes", "1")));
        template = Template.fromStack(stack);
        templates = new Templates(template);
    }

    @Test
    void opensTheApiOnlyWhenAskedAndSaysSoInAWarning() {
        assertThat(template.findResources("AWS::ApiGateway::Method")).hasSize(6).allSatisfy((id, method) ->
                assertThat(method.toString()).contains("AuthorizationType=NONE"));
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*auth=none.*"))).hasSize(1);
    }

    @Test
    void putsAnOpenApiBehindAWebAclThatBlocksAnyIpAboveItsRateLimit() {
        String acl = templates.logicalId("AWS::WAFv2::WebACL", "ApiWebAcl");
        template.hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
                "Scope", "REGIONAL",
                "DefaultAction", Map.of("Allow", Map.of()),
                "Rules", List.of(Match.objectLike(Map.of(
                        "Name", "RateLimitPerIp",
                        "Action", Map.of("Block", Map.of()),
                        "Statement", Map.of("RateBasedStatement", Map.of(
                                "AggregateKeyType", "IP", "EvaluationWindowSec", 300, "Limit", 300)))))));
        template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of(
                "WebACLArn", Map.of("Fn::GetAtt", List.of(acl, "Arn")),
                "ResourceArn", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        ref(templates.logicalId("AWS::ApiGateway::RestApi", "ApiRest")), "/stages/prod"))))));
        assertThat(templates.nagSuppressions()).extracting(s -> (String) s.get("id"))
                .doesNotContain("AwsSolutions-APIG3", "NIST.800.53.R5-APIGWAssociatedWithWAF");
    }

    @Test
    void letsAThrowawayStackDeleteItsData() {
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("VersioningConfiguration", Map.of("Status", "Enabled")))));
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false))));
        assertThat(template.findResources("AWS::KMS::Key", Map.of("DeletionPolicy", "Delete"))).hasSize(2);
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"))).hasSize(4);
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/ProductUploadDev"));
    }

    @Test
    void takesThrottlingRetentionLifecycleCorsAlarmsAndConcurrencyFromContext() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings", List.of(Match.objectLike(Map.of(
                "ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)))));
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", 7))))
                .hasSize(3);
        assertThat(templates.properties("ApiAccessLogsE9DF007D")).containsEntry("RetentionInDays", 90);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                Match.arrayWith(List.of(Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))))))));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(
                Match.objectLike(Map.of(
                        "AllowedOrigins", List.of("https://shop.example.com", "https://admin.example.com"),
                        "AllowedMethods", List.of("GET", "HEAD")))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 20));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ConcurrentExecutions",
                "Threshold", 16));
    }

    @Test
    void addsOnlyTheFirstListingIndexesAskedForAndGrantsQueryOnThoseAlone() {
        List<?> indexes = (List<?>) templates.properties("ProductTableB8D4E9ED").get("GlobalSecondaryIndexes");
        String role = templates.logicalId("AWS::IAM::Role", "UploadFunctionRole");

        assertThat(indexes).singleElement().asString().contains("IndexName=byProductId");
        assertThat(templates.grantsOf(role).keySet()).extracting(Object::toString)
                .filteredOn(resource -> resource.contains("/index/")).singleElement().asString().contains("/index/byProductId");
    }

    @Test
    void staysCleanUnderCdkNagWithItsOwnReasonedSuppressions() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("^(AwsSolutions|Serverless|NIST|CdkNag).*"))).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
