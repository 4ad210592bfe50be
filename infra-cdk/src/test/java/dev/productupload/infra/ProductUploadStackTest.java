package dev.productupload.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The default stack, synthesized once as the app does it, property by property. */
class ProductUploadStackTest {

    private static ProductUploadStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.synthesize(Map.of());
        template = Template.fromStack(stack);
    }

    private static String logicalId(String type, String idPrefix) {
        return template.findResources(type).keySet().stream().filter(id -> id.startsWith(idPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + idPrefix + "*"));
    }

    private static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    private static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    @Test
    void encryptsWithOneRotatingCustomerManagedKeyAliasedAfterTheStack() {
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/ProductUpload"));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void keepsFilesInAVersionedPrivateBucketEncryptedWithTheKeyAndABucketKey() {
        String key = logicalId("AWS::KMS::Key", "DataKey");
        String logBucket = logicalId("AWS::S3::Bucket", "AccessLogBucket");
        template.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "BucketKeyEnabled", true,
                                "ServerSideEncryptionByDefault", Map.of(
                                        "SSEAlgorithm", "aws:kms", "KMSMasterKeyID", arnOf(key))))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                        "LoggingConfiguration", Map.of("DestinationBucketName", ref(logBucket),
                                "LogFilePrefix", "data-bucket/"),
                        "CorsConfiguration", Match.absent()))));
    }

    @Test
    void expiresReplacedFileVersionsAfter90DaysAndAbortsStalledUploadsAfter7() {
        String bucket = logicalId("AWS::S3::Bucket", "DataBucket");
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90),
                                "Status", "Enabled")),
                        Match.objectLike(Map.of("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7),
                                "Status", "Enabled")))))));
        assertThat(bucket).isNotBlank();
    }

    @Test
    void refusesPlainHttpOnBothBuckets() {
        for (String bucket : List.of(logicalId("AWS::S3::Bucket", "DataBucket"), logicalId("AWS::S3::Bucket", "AccessLogBucket"))) {
            template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", ref(bucket),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny", "Action", "s3:*",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        }
    }

    @Test
    void keepsAccessLogsInASeparatePrivateBucket() {
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
    }

    @Test
    void keepsProductVersionsInAnOnDemandEncryptedTableWithRecoveryAndNoIndex() {
        String key = logicalId("AWS::KMS::Key", "DataKey");
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "productId", "KeyType", "HASH"),
                                Map.of("AttributeName", "version", "KeyType", "RANGE")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "productId", "AttributeType", "S"),
                                Map.of("AttributeName", "version", "AttributeType", "N")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", arnOf(key)),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true,
                        "GlobalSecondaryIndexes", Match.absent(),
                        "LocalSecondaryIndexes", Match.absent()))));
    }

    @Test
    void runsTheHandlerOnJava25Arm64WithSnapStartTracingAndJsonLogs() {
        template.resourceCountIs("AWS::Lambda::Function", 1);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", ProductUploadStack.HANDLER,
                "MemorySize", ProductUploadStack.MEMORY_MB,
                "Timeout", 28,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", ref(logicalId("AWS::Logs::LogGroup", "FunctionLogs"))),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "BUCKET_NAME", ref(logicalId("AWS::S3::Bucket", "DataBucket")),
                        "TABLE_NAME", ref(logicalId("AWS::DynamoDB::Table", "ProductTable"))))),
                "ReservedConcurrentExecutions", Match.absent()));
    }

    @Test
    void keepsFunctionAndAccessLogsFor30Days() {
        template.resourceCountIs("AWS::Logs::LogGroup", 2);
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", 30))))
                .hasSize(2);
    }

    @Test
    void apiGatewayInvokesTheLiveAliasOfThePublishedVersion() {
        String version = logicalId("AWS::Lambda::Version", "UploadFunctionCurrentVersion");
        String alias = logicalId("AWS::Lambda::Alias", "LiveAlias");
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("Integration", Match.objectLike(Map.of(
                "Type", "AWS_PROXY",
                "Uri", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(ref(alias)))))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of("FunctionName", ref(alias),
                "Action", "lambda:InvokeFunction", "Principal", "apigateway.amazonaws.com"));
        template.resourceCountIs("AWS::Lambda::Permission", 1);
    }

    @Test
    void grantsTheFunctionExactlyWhatTheHandlerUses() {
        String bucket = logicalId("AWS::S3::Bucket", "DataBucket");
        String table = logicalId("AWS::DynamoDB::Table", "ProductTable");
        String key = logicalId("AWS::KMS::Key", "DataKey");
        String logs = logicalId("AWS::Logs::LogGroup", "FunctionLogs");
        String role = logicalId("AWS::IAM::Role", "UploadFunctionRole");

        Map<Object, List<String>> granted = new java.util.HashMap<>();
        for (Map<String, Object> statement : statementsOf(role)) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            granted.merge(statement.get("Resource"), actions(statement), (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }

        assertThat(granted).containsOnlyKeys(
                Map.of("Fn::Join", List.of("", List.of(arnOf(bucket), "/products/*"))),
                arnOf(table), arnOf(key), arnOf(logs), "*");
        assertThat(granted.get(Map.of("Fn::Join", List.of("", List.of(arnOf(bucket), "/products/*")))))
                .containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObjectVersion");
        assertThat(granted.get(arnOf(table))).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:Query");
        assertThat(granted.get(arnOf(key))).containsExactlyInAnyOrder("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
        assertThat(granted.get(arnOf(logs))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(granted.get("*")).containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                "ManagedPolicyArns", Match.absent()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        Map<String, Object> roleProperties = (Map<String, Object>) template.findResources("AWS::IAM::Role").get(role).get("Properties");
        assertThat(roleProperties).doesNotContainKey("ManagedPolicyArns");
        for (Object policy : (List<Object>) roleProperties.getOrDefault("Policies", List.of())) {
            statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) policy)
                    .get("PolicyDocument")).get("Statement"));
        }
        for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            if (((List<Object>) properties.get("Roles")).contains(ref(role))) {
                statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument"))
                        .get("Statement"));
            }
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    @Test
    void usesTheKeyOnlyThroughS3AndDynamoDb() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "UseDataKeyThroughS3AndDynamoDb",
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", Match.anyValue())))))))))))));
    }

    @Test
    void exposesOnlyPostOnUploadWithIamAuthorizationOnARegionalApi() {
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.hasResourceProperties("AWS::ApiGateway::RestApi",
                Map.of("EndpointConfiguration", Map.of("Types", List.of("REGIONAL"))));
        template.resourceCountIs("AWS::ApiGateway::Resource", 1);
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "upload"));
        template.resourceCountIs("AWS::ApiGateway::Method", 1);
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST", "AuthorizationType", "AWS_IAM"));
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 0);
        template.resourceCountIs("AWS::ApiGateway::ApiKey", 0);
    }

    @Test
    void validatesBodyAndParametersWithTheRequestModel() {
        String validator = logicalId("AWS::ApiGateway::RequestValidator", "UploadApiBodyAndParameters");
        template.hasResourceProperties("AWS::ApiGateway::RequestValidator",
                Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true));
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of(
                "RequestValidatorId", ref(validator),
                "RequestModels", Map.of("application/json", ref("UploadRequestModel")),
                "RequestParameters", Map.of("method.request.header.Content-Type", true)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRequestModelIsTheSchemaTheHandlerValidatesWith() throws IOException {
        Map<String, Object> handlerSchema = new ObjectMapper().readValue(
                Path.of("..", "entrypoint-lambda", "src", "main", "resources", "schema", "upload-request.schema.json").toFile(),
                Map.class);
        Map<String, Object> model = (Map<String, Object>) template.findResources("AWS::ApiGateway::Model")
                .get("UploadRequestModel").get("Properties");

        assertThat(model.get("ContentType")).isEqualTo("application/json");
        assertThat(model.get("Schema")).isEqualTo(handlerSchema);
    }

    @Test
    void throttlesLogsAndTracesTheStageWithoutLoggingPayloads() {
        String accessLogs = logicalId("AWS::Logs::LogGroup", "ApiAccessLogs");
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "prod",
                "TracingEnabled", true,
                "AccessLogSetting", Map.of("DestinationArn", arnOf(accessLogs),
                        "Format", Match.stringLikeRegexp("^\\{\"requestId\":\"\\$context.requestId\".*\\}$")),
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*", "ResourcePath", "/*",
                        "ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000,
                        "LoggingLevel", "ERROR", "DataTraceEnabled", false, "MetricsEnabled", true)))));
    }

    @Test
    void answersGatewayErrorsWithProblemJson() {
        Map<String, String> statusByType = new TreeMap<>(Map.of(
                "BAD_REQUEST_BODY", "400", "BAD_REQUEST_PARAMETERS", "400", "THROTTLED", "429",
                "ACCESS_DENIED", "403", "UNAUTHORIZED", "401", "MISSING_AUTHENTICATION_TOKEN", "403",
                "REQUEST_TOO_LARGE", "413"));
        statusByType.forEach((type, status) -> template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                "ResponseType", type,
                "StatusCode", status,
                "ResponseParameters", Map.of("gatewayresponse.header.Content-Type", "'application/problem+json'"),
                "ResponseTemplates", Map.of("application/json",
                        Match.stringLikeRegexp("^\\{\"type\":\"urn:product-upload:problem:.*\"status\":" + status
                                + ",.*\"requestId\":\"\\$context.requestId\"\\}$")))));
        template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of("ResponseType", "BAD_REQUEST_BODY",
                "ResponseTemplates", Map.of("application/json",
                        Match.stringLikeRegexp(".*\"detail\":\"\\$context.error.validationErrorString\".*"))));
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of("ResponseType", type,
                    "ResponseParameters", Map.of("gatewayresponse.header.Content-Type", "'application/problem+json'")));
        }
    }

    @Test
    void alarmsOnErrorsThrottlesServerErrorsLatencyAndTableThrottlingToOneTopic() {
        String topic = logicalId("AWS::SNS::Topic", "AlarmTopic");
        template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
        for (Map<String, Object> alarm : template.findResources("AWS::CloudWatch::Alarm").values()) {
            assertThat(alarm.toString()).contains("AlarmActions=[{Ref=" + topic + "}]");
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda", "MetricName", "Throttles"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/ApiGateway",
                "MetricName", "5XXError", "Statistic", "Average", "Threshold", 0.01));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/ApiGateway",
                "MetricName", "Latency", "ExtendedStatistic", "p99"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Metrics", Match.arrayWith(List.of(
                Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of("Metric", Match.objectLike(Map.of(
                        "Namespace", "AWS/DynamoDB", "MetricName", "ThrottledRequests"))))))))));
        template.resourceCountIs("AWS::SNS::Subscription", 0);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void outputsTheUploadUrlFunctionAliasBucketAndTable() {
        template.hasOutput("UploadUrl", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of("/upload"))))));
        template.hasOutput("FunctionArn", Map.of("Value", arnOf(logicalId("AWS::Lambda::Function", "UploadFunction"))));
        template.hasOutput("LiveAliasArn", Map.of("Value", ref(logicalId("AWS::Lambda::Alias", "LiveAlias"))));
        template.hasOutput("BucketName", Map.of("Value", ref(logicalId("AWS::S3::Bucket", "DataBucket"))));
        template.hasOutput("TableName", Map.of("Value", ref(logicalId("AWS::DynamoDB::Table", "ProductTable"))));
    }

    @Test
    void cdkNagFindsNothingUnsuppressedInEitherPack() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionNamesItsRuleAndGivesAReason() {
        List<Map<String, Object>> suppressions = new ArrayList<>();
        for (Map<String, Object> resource : ((Map<String, Map<String, Object>>) template.toJSON().get("Resources")).values()) {
            Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
            if (metadata != null && metadata.get("cdk_nag") != null) {
                suppressions.addAll((Collection<Map<String, Object>>) ((Map<String, Object>) metadata.get("cdk_nag"))
                        .get("rules_to_suppress"));
            }
        }
        assertThat(suppressions).isNotEmpty().allSatisfy(suppression -> {
            assertThat((String) suppression.get("id")).matches("^(AwsSolutions|Serverless)-[A-Za-z0-9]+$|^CdkNagValidationFailure$");
            assertThat((String) suppression.get("reason")).hasSizeGreaterThan(60);
        });
        assertThat(suppressions).filteredOn(s -> s.get("id").equals("AwsSolutions-IAM5"))
                .allSatisfy(s -> assertThat((List<String>) s.get("applies_to")).hasSize(1));
    }
}
