package dev.productupload.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.productupload.infra.Templates.arnOf;
import static dev.productupload.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled reconciler in the default stack: its function, schedule, role and alarm. */
class ReconcileFunctionTest {

    private static Template template;
    private static Templates templates;
    private static String function;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.synthesize(Map.of()));
        templates = new Templates(template);
        function = templates.logicalId("AWS::Lambda::Function", "Reconciler");
    }

    private static Map<String, Object> viaDynamoDb() {
        return Map.of("StringEquals", Map.of("kms:ViaService",
                Map.of("Fn::Join", List.of("", List.of("dynamodb.", ref("AWS::Region"), ".amazonaws.com")))));
    }

    @Test
    void runsTheReconcileHandlerOfTheSameJarOneAtATimeWithoutRetriesForUpTo15Minutes() {
        Map<String, Object> properties = templates.properties(function);
        String uploadFunction = templates.logicalId("AWS::Lambda::Function", "UploadFunction");

        assertThat(properties).containsEntry("Handler", ReconcileFunction.HANDLER)
                .containsEntry("Runtime", "java25")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("Timeout", 900)
                .containsEntry("MemorySize", 1024)
                .containsEntry("ReservedConcurrentExecutions", 1)
                .containsEntry("Code", templates.properties(uploadFunction).get("Code"))
                .doesNotContainKey("SnapStart");
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", ReconcileFunction.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "BUCKET_NAME", ref("DataBucketE3889A50"),
                        "TABLE_NAME", ref("ProductTableB8D4E9ED"),
                        "MIN_AGE", "PT1H")))));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", ref(function), "MaximumRetryAttempts", 0));
    }

    @Test
    void aRuleRunsItDaily() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(1 day)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Arn", arnOf(function))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "FunctionName", arnOf(function),
                "Principal", "events.amazonaws.com",
                "Action", "lambda:InvokeFunction"));
    }

    @Test
    void itsOwnRoleMayListVersionsUnderProductsEraseThemScanTheTableRepairItsHeadsAndNothingElse() {
        String role = templates.logicalId("AWS::IAM::Role", "ReconcilerRole");
        Map<String, Object> none = Map.of();
        List<Object> files = List.of(Map.of("Fn::Join", List.of("", List.of(arnOf("DataBucketE3889A50"), "/products/*"))),
                none);
        List<Object> bucket = List.of(arnOf("DataBucketE3889A50"),
                Map.of("StringLike", Map.of("s3:prefix", "products/*")));
        String logs = templates.logicalId("AWS::Logs::LogGroup", "ReconcilerLogs");

        Map<List<Object>, List<String>> granted = templates.grantsOf(role);

        assertThat(granted).containsOnlyKeys(bucket, files, List.of(arnOf("ProductTableB8D4E9ED"), none),
                List.of(arnOf("DataKey17AFBB84"), viaDynamoDb()), List.of(arnOf(logs), none), List.of("*", none));
        assertThat(granted.get(bucket)).containsExactly("s3:ListBucketVersions");
        assertThat(granted.get(files)).containsExactly("s3:DeleteObjectVersion");
        assertThat(granted.get(List.of(arnOf("ProductTableB8D4E9ED"), none)))
                .containsExactlyInAnyOrder("dynamodb:Scan", "dynamodb:Query", "dynamodb:PutItem");
        assertThat(granted.get(List.of(arnOf("DataKey17AFBB84"), viaDynamoDb()))).containsExactly("kms:Decrypt");
        assertThat(granted.get(List.of(arnOf(logs), none)))
                .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(granted.get(List.of("*", none))).containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    }

    @Test
    void alarmsTheOperatorsTopicWhenARunFails() {
        String topic = templates.logicalId("AWS::SNS::Topic", "MonitoringAlarmTopic");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(function))),
                "Statistic", "Sum",
                "Period", 3600,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(ref(topic)),
                "OKActions", List.of(ref(topic))));
    }
}
