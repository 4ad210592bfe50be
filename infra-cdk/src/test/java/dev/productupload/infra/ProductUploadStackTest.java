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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.productupload.infra.Templates.arnOf;
import static dev.productupload.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The default stack, synthesized once as the app does it, property by property. */
class ProductUploadStackTest {

    private static ProductUploadStack stack;
    private static Template template;
    private static Templates templates;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.synthesize(Map.of());
        template = Template.fromStack(stack);
        templates = new Templates(template);
    }

    private static String logicalId(String type, String idPrefix) {
        return templates.logicalId(type, idPrefix);
    }

    private static Map<String, Object> viaService(String service) {
        return Map.of("StringEquals", Map.of("kms:ViaService",
                Map.of("Fn::Join", List.of("", List.of(service + ".", ref("AWS::Region"), ".amazonaws.com")))));
    }

    @Test
    void keepsTheLogicalIdsOfTheRetainedResourcesSoAnUpdateNeverReplacesThem() {
        Map<String, String> typeById = Map.of(
                "DataKey17AFBB84", "AWS::KMS::Key",
                "AccessLogBucketDA470295", "AWS::S3::Bucket",
                "DataBucketE3889A50", "AWS::S3::Bucket",
                "ProductTableB8D4E9ED", "AWS::DynamoDB::Table",
                "FunctionLogsAE28C13D", "AWS::Logs::LogGroup",
                "ApiAccessLogsE9DF007D", "AWS::Logs::LogGroup");
        typeById.forEach((id, type) -> assertThat(template.findResources(type)).containsKey(id));
    }

    @Test
    void encryptsDataWithOneRotatingCustomerManagedKeyAliasedAfterTheStack() {
        template.resourceCountIs("AWS::KMS::Key", 2);
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true))));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/ProductUpload",
                "TargetKeyId", arnOf("DataKey17AFBB84")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeyPolicyLetsTheAccountAdministerTheKeyAndUseItOnlyThroughS3AndDynamoDb() {
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>)
                templates.properties("DataKey17AFBB84").get("KeyPolicy")).get("Statement");
        Map<String, Object> account = Map.of("AWS", Map.of("Fn::Join", List.of("",
                List.of("arn:", ref("AWS::Partition"), ":iam::", ref("AWS::AccountId"), ":root"))));

        assertThat(statements).extracting(s -> s.get("Sid"))
                .containsExactly("AdministerKeyThroughIam", "UseThroughS3", "UseThroughDynamoDb");
        assertThat(statements).allSatisfy(s -> {
            assertThat(s.get("Principal")).isEqualTo(account);
            assertThat(Templates.actions(s)).doesNotContain("kms:*");
        });
        assertThat(Templates.actions(statements.get(0))).containsExactlyInAnyOrderElementsOf(Storage.KEY_ADMIN_ACTIONS)
                .noneMatch(a -> a.matches("kms:(Encrypt|Decrypt|ReEncrypt.*|GenerateDataKey.*|CreateGrant)"));
        assertThat(statements.get(0)).doesNotContainKey("Condition");
        assertThat(Templates.actions(statements.get(1))).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey");
        assertThat(Templates.actions(statements.get(2))).containsExactlyInAnyOrderElementsOf(Storage.KEY_USE_THROUGH_DYNAMODB);
        for (int i = 1; i <= 2; i++) {
            Map<String, Object> equals = (Map<String, Object>) ((Map<String, Object>) statements.get(i).get("Condition"))
                    .get("StringEquals");
            assertThat(equals).containsOnlyKeys("kms:ViaService", "kms:CallerAccount");
            assertThat(equals.get("kms:CallerAccount")).isEqualTo(ref("AWS::AccountId"));
            assertThat(equals.get("kms:ViaService")).isEqualTo(((Map<String, Object>) viaService(i == 1 ? "s3" : "dynamodb")
                    .get("StringEquals")).get("kms:ViaService"));
        }
    }

    @Test
    void keepsFilesInAVersionedPrivateBucketEncryptedWithTheKeyAndABucketKey() {
        template.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "BucketKeyEnabled", true,
                                "ServerSideEncryptionByDefault", Map.of(
                                        "SSEAlgorithm", "aws:kms", "KMSMasterKeyID", arnOf("DataKey17AFBB84"))))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                        "LoggingConfiguration", Map.of("DestinationBucketName", ref("AccessLogBucketDA470295"),
                                "LogFilePrefix", "data-bucket/"),
                        "MetricsConfigurations", List.of(Map.of("Id", Storage.REQUEST_METRICS_FILTER)),
                        "CorsConfiguration", Match.absent()))));
    }

    @Test
    void expiresReplacedAndHiddenFileVersionsAfter90DaysThenTheirDeleteMarkers() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "MetricsConfigurations", Match.anyValue(),
                "LifecycleConfiguration", Map.of("Rules", List.of(
                        Map.of("Id", "ExpireReplacedVersions", "Status", "Enabled",
                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90),
                                "ExpiredObjectDeleteMarker", true),
                        Map.of("Id", "AbortIncompleteUploads", "Status", "Enabled",
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7))))));
    }

    @Test
    void refusesPlainHttpOnBothBuckets() {
        for (String bucket : List.of("DataBucketE3889A50", "AccessLogBucketDA470295")) {
            template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", ref(bucket),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny", "Action", "s3:*",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        }
    }

    @Test
    void keepsAccessLogsInASeparateVersionedPrivateBucket() {
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("Id", "ExpireAccessLogs", "Status", "Enabled",
                        "ExpirationInDays", 365, "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))))))));
        assertThat(templates.properties("AccessLogBucketDA470295")).containsKey("VersioningConfiguration");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsProductVersionsInAnOnDemandEncryptedTableWithRecoveryAndThreeSparseListingIndexes() {
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "productId", "KeyType", "HASH"),
                                Map.of("AttributeName", "version", "KeyType", "RANGE")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS",
                                "KMSMasterKeyId", arnOf("DataKey17AFBB84")),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true,
                        "LocalSecondaryIndexes", Match.absent()))));
        Map<String, Object> table = templates.properties("ProductTableB8D4E9ED");
        assertThat((List<Object>) table.get("AttributeDefinitions")).containsExactlyInAnyOrder(
                Map.of("AttributeName", "productId", "AttributeType", "S"),
                Map.of("AttributeName", "version", "AttributeType", "N"),
                Map.of("AttributeName", "listShard", "AttributeType", "S"),
                Map.of("AttributeName", "priceShard", "AttributeType", "S"),
                Map.of("AttributeName", "priceKey", "AttributeType", "S"),
                Map.of("AttributeName", "changeKey", "AttributeType", "S"));
        assertThat((List<Object>) table.get("GlobalSecondaryIndexes")).containsExactly(
                listingIndex("byProductId", "listShard", "productId"),
                listingIndex("byPrice", "priceShard", "priceKey"),
                listingIndex("byChange", "listShard", "changeKey"));
    }

    private static Map<String, Object> listingIndex(String name, String partitionKey, String sortKey) {
        return Map.of("IndexName", name,
                "KeySchema", List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"));
    }

    @Test
    void keepsIdempotencyRecordsInTheirOwnEncryptedTableWithRecoveryAndTimeToLiveOnTheirExpiry() {
        String table = logicalId("AWS::DynamoDB::Table", "StorageIdempotencyTable");
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS",
                                "KMSMasterKeyId", arnOf("DataKey17AFBB84")),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                        "DeletionProtectionEnabled", true,
                        "GlobalSecondaryIndexes", Match.absent()))));
        assertThat(templates.properties(table)).containsKey("TimeToLiveSpecification");
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of("IDEMPOTENCY_TABLE_NAME", ref(table)))),
                "Timeout", 28));
        template.hasOutput("IdempotencyTableName", Map.of("Value", ref(table)));
    }

    @Test
    void runsTheHandlerOnJava25Arm64WithSnapStartTracingJsonLogsAndReservedConcurrency() {
        // the API's function, and the reconciler's (ReconcileFunctionTest)
        template.resourceCountIs("AWS::Lambda::Function", 2);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", ProductUploadStack.HANDLER,
                "MemorySize", ProductUploadStack.MEMORY_MB,
                "Timeout", 28,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", ref("FunctionLogsAE28C13D")),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "BUCKET_NAME", ref("DataBucketE3889A50"),
                        "TABLE_NAME", ref("ProductTableB8D4E9ED")))),
                // 1000 requests/s (the stage throttle) x 0.5 s (the p99 duration) = 500 at once
                "ReservedConcurrentExecutions", 500));
    }

    @Test
    void keepsFunctionAndExecutionLogsFor30DaysAndAccessLogsForAYear() {
        template.resourceCountIs("AWS::Logs::LogGroup", 4);
        assertThat(templates.properties("FunctionLogsAE28C13D")).containsEntry("RetentionInDays", 30);
        assertThat(templates.properties("ApiAccessLogsE9DF007D")).containsEntry("RetentionInDays", 365);
        String executionLogs = logicalId("AWS::Logs::LogGroup", "ApiExecutionLogs");
        assertThat(templates.properties(executionLogs)).containsEntry("RetentionInDays", 30)
                .containsEntry("LogGroupName", Map.of("Fn::Join", List.of("", List.of(
                        "API-Gateway-Execution-Logs_", ref(logicalId("AWS::ApiGateway::RestApi", "ApiRest")), "/prod"))));
        template.hasResource("AWS::ApiGateway::Stage", Map.of("DependsOn", Match.arrayWith(List.of(executionLogs))));
    }

    @Test
    void everyRouteInvokesTheLiveAliasOfThePublishedVersionWithItsOwnPermission() {
        String version = logicalId("AWS::Lambda::Version", "UploadFunctionCurrentVersion");
        String alias = logicalId("AWS::Lambda::Alias", "UploadFunctionLiveAlias");
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
        assertThat(template.findResources("AWS::ApiGateway::Method")).hasSize(6).allSatisfy((id, method) ->
                assertThat(method.toString()).contains("Type=AWS_PROXY").contains("{Ref=" + alias + "}"));
        assertThat(template.findResources("AWS::Lambda::Permission", Map.of("Properties", Match.objectLike(Map.of(
                "Principal", "apigateway.amazonaws.com"))))).hasSize(6).allSatisfy((id, permission) ->
                assertThat(permission.toString()).contains("FunctionName={Ref=" + alias + "}")
                        .contains("Principal=apigateway.amazonaws.com").contains("Action=lambda:InvokeFunction"));
    }

    private static Map<String, Object> indexArn(String index) {
        return Map.of("Fn::Join", List.of("", List.of(arnOf("ProductTableB8D4E9ED"), "/index/" + index)));
    }

    @Test
    void grantsTheFunctionExactlyWhatTheHandlerUsesPerResource() {
        String role = logicalId("AWS::IAM::Role", "UploadFunctionRole");
        Map<String, Object> none = Map.of();

        String idempotencyTable = logicalId("AWS::DynamoDB::Table", "StorageIdempotencyTable");

        Map<List<Object>, List<String>> granted = templates.grantsOf(role);
        List<Object> indexes = List.of(indexArn("byChange"), indexArn("byPrice"), indexArn("byProductId"));

        assertThat(granted).containsOnlyKeys(
                List.of(Map.of("Fn::Join", List.of("", List.of(arnOf("DataBucketE3889A50"), "/products/*"))), none),
                List.of(arnOf("ProductTableB8D4E9ED"), none),
                List.of(indexes, none),
                List.of(arnOf(idempotencyTable), none),
                List.of(arnOf("DataKey17AFBB84"), viaService("s3")),
                List.of(arnOf("DataKey17AFBB84"), viaService("dynamodb")),
                List.of(arnOf("FunctionLogsAE28C13D"), none),
                List.of("*", none));
        assertThat(granted.get(List.of(Map.of("Fn::Join", List.of("", List.of(arnOf("DataBucketE3889A50"), "/products/*"))), none)))
                .containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion");
        assertThat(granted.get(List.of(arnOf("ProductTableB8D4E9ED"), none)))
                .containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem");
        // One statement: Query, on exactly the three listing indexes (no index/*).
        assertThat(granted.get(List.of(indexes, none))).containsExactly("dynamodb:Query");
        assertThat(granted.get(List.of(arnOf(idempotencyTable), none)))
                .containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem");
        // S3 asks for a data key to write and Decrypt to read; DynamoDB only decrypts the table key; none needs Encrypt.
        assertThat(granted.get(List.of(arnOf("DataKey17AFBB84"), viaService("s3"))))
                .containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(granted.get(List.of(arnOf("DataKey17AFBB84"), viaService("dynamodb")))).containsExactly("kms:Decrypt");
        assertThat(granted.get(List.of(arnOf("FunctionLogsAE28C13D"), none)))
                .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(granted.get(List.of("*", none))).containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
        assertThat(granted.values()).flatMap(actions -> actions)
                .doesNotContain("s3:DeleteObjectVersion", "kms:Encrypt")
                .noneMatch(action -> action.contains("*"));
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                "ManagedPolicyArns", Match.absent()));
    }

    @Test
    void servesARegionalApiOnlyOverTls12OrNewerWithIamOnEveryRoute() {
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")),
                "SecurityPolicy", "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
                "EndpointAccessMode", "STRICT"));
        assertThat(template.findResources("AWS::ApiGateway::Resource")).hasSize(7);
        for (String part : List.of("upload", "products", "{productId}", "versions", "{version}", "files", "{fileId}")) {
            template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", part));
        }
        assertThat(template.findResources("AWS::ApiGateway::Method")).allSatisfy((id, method) ->
                assertThat(method.toString()).contains("AuthorizationType=AWS_IAM"));
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 0);
        template.resourceCountIs("AWS::ApiGateway::ApiKey", 0);
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    }

    @Test
    void validatesTheUploadBodyAndTheReadsParameters() {
        String bodyAndParameters = logicalId("AWS::ApiGateway::RequestValidator", "ApiRestBodyAndParameters");
        String parameters = logicalId("AWS::ApiGateway::RequestValidator", "ApiRestParameters");
        assertThat(templates.properties(bodyAndParameters)).containsEntry("ValidateRequestBody", true)
                .containsEntry("ValidateRequestParameters", true);
        assertThat(templates.properties(parameters)).containsEntry("ValidateRequestBody", false)
                .containsEntry("ValidateRequestParameters", true);
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST",
                "RequestValidatorId", ref(bodyAndParameters),
                "RequestModels", Map.of("application/json", ref("UploadRequestModel")),
                "RequestParameters", Map.of("method.request.header.Content-Type", true,
                        "method.request.header.Idempotency-Key", false)));
        List<Map<String, Boolean>> readParameters = List.of(
                Map.of("method.request.querystring.currency", false, "method.request.querystring.minPrice", false,
                        "method.request.querystring.maxPrice", false, "method.request.querystring.updatedSince", false,
                        "method.request.querystring.limit", false, "method.request.querystring.cursor", false),
                Map.of("method.request.path.productId", true, "method.request.header.If-None-Match", false),
                Map.of("method.request.path.productId", true, "method.request.querystring.limit", false,
                        "method.request.querystring.cursor", false),
                Map.of("method.request.path.productId", true, "method.request.path.version", true),
                Map.of("method.request.path.productId", true, "method.request.path.fileId", true));
        for (Map<String, Boolean> expected : readParameters) {
            template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "GET",
                    "RequestValidatorId", ref(parameters), "RequestParameters", expected));
        }
        assertThat(template.findResources("AWS::ApiGateway::Method", Map.of("Properties", Map.of("HttpMethod", "GET"))))
                .hasSize(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRequestModelIsTheHandlersSchemaWithFileDataBoundedBelowLambdasInvokeLimit() throws IOException {
        Map<String, Object> handlerSchema = new ObjectMapper().readValue(
                Path.of("..", "entrypoint-lambda", "src", "main", "resources", "schema", "upload-request.schema.json").toFile(),
                Map.class);
        Map<String, Object> model = templates.properties("UploadRequestModel");
        Map<String, Object> schema = (Map<String, Object>) model.get("Schema");
        Map<String, Object> fileData = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("fileData");

        assertThat(model.get("ContentType")).isEqualTo("application/json");
        assertThat(fileData.get("maxLength")).isEqualTo(6 * 1024 * 1024 - 256 * 1024);
        ((Map<String, Object>) ((Map<String, Object>) handlerSchema.get("properties")).get("fileData"))
                .put("maxLength", fileData.get("maxLength"));
        assertThat(schema).isEqualTo(handlerSchema);
    }

    @Test
    @SuppressWarnings("unchecked")
    void throttlesLogsAndTracesTheStageWithAccessLogsThatNameTheCallerTheLatencyTheErrorAndTheTrace() throws IOException {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "prod",
                "TracingEnabled", true,
                "AccessLogSetting", Map.of("DestinationArn", arnOf("ApiAccessLogsE9DF007D"),
                        "Format", Match.stringLikeRegexp("^\\{\"requestId\":\"\\$context.requestId\".*\\}$")),
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*", "ResourcePath", "/*",
                        "ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000,
                        "LoggingLevel", "ERROR", "DataTraceEnabled", false, "MetricsEnabled", true)))));
        String format = (String) ((Map<String, Object>) templates.properties(
                logicalId("AWS::ApiGateway::Stage", "ApiRestDeploymentStageprod")).get("AccessLogSetting")).get("Format");
        Map<String, String> fields = new ObjectMapper().readValue(format, Map.class);
        assertThat(fields).containsEntry("integrationLatency", "$context.integrationLatency")
                .containsEntry("errorMessage", "$context.error.message")
                .containsEntry("userArn", "$context.identity.userArn")
                .containsEntry("xrayTraceId", "$context.xrayTraceId")
                .containsEntry("status", "$context.status");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiGatewayLoggingRoleIsScopedToLogsOfThisAccountAndRegionWithoutTheManagedPolicy() {
        String role = logicalId("AWS::IAM::Role", "ApiCloudWatchRole");
        Map<List<Object>, List<String>> granted = templates.grantsOf(role);

        assertThat(granted).containsOnlyKeys(List.of(Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"),
                ":logs:", ref("AWS::Region"), ":", ref("AWS::AccountId"), ":*"))), Map.of()));
        assertThat(granted.values().iterator().next()).containsExactlyInAnyOrderElementsOf(ProductApi.CLOUDWATCH_ROLE_ACTIONS);
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "apigateway.amazonaws.com")))))),
                "ManagedPolicyArns", Match.absent()));
        template.hasResource("AWS::ApiGateway::Account", Map.of("DeletionPolicy", "Retain",
                "Properties", Map.of("CloudWatchRoleArn", arnOf(role))));
        template.resourceCountIs("AWS::ApiGateway::Account", 1);
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
    void alarmsOnWhatAnOperatorNeedsToOneEncryptedTopic() {
        String topic = logicalId("AWS::SNS::Topic", "MonitoringAlarmTopic");
        String topicKey = logicalId("AWS::KMS::Key", "MonitoringTopicKey");
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", arnOf(topicKey)));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Match.objectLike(Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "CloudWatchAlarmsPublish",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*")))))))));
        List<String> alarms = new ArrayList<>(template.findResources("AWS::CloudWatch::Alarm").keySet());
        assertThat(alarms).hasSize(11).allSatisfy(id ->
                assertThat(template.findResources("AWS::CloudWatch::Alarm").get(id).toString())
                        .contains("AlarmActions=[{Ref=" + topic + "}]").contains("OKActions=[{Ref=" + topic + "}]"));
        alarm(Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors"));
        alarm(Map.of("Namespace", "AWS/Lambda", "MetricName", "Throttles"));
        alarm(Map.of("Namespace", "AWS/Lambda", "MetricName", "Duration", "Statistic", "Maximum", "Threshold", 22400));
        alarm(Map.of("Namespace", "AWS/Lambda", "MetricName", "ConcurrentExecutions", "Statistic", "Maximum",
                "Threshold", 400));
        alarm(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "5XXError", "Statistic", "Average", "Threshold", 0.01));
        alarm(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "4XXError", "Statistic", "Average", "Threshold", 0.1,
                "EvaluationPeriods", 3));
        alarm(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "Latency", "ExtendedStatistic", "p99"));
        alarm(Map.of("Namespace", "AWS/S3", "MetricName", "5xxErrors", "Dimensions", Match.arrayWith(List.of(
                Map.of("Name", "FilterId", "Value", Storage.REQUEST_METRICS_FILTER)))));
        for (String metric : List.of("ThrottledRequests", "SystemErrors")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Metrics", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of("Metric", Match.objectLike(Map.of(
                            "Namespace", "AWS/DynamoDB", "MetricName", metric))))))))));
        }
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    private static void alarm(Map<String, Object> properties) {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", properties);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardGraphsRequestsLatencyErrorsThrottlesAndConcurrencyBesideTheAlarms() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        Map<String, Object> join = (Map<String, Object>) templates.properties(
                logicalId("AWS::CloudWatch::Dashboard", "MonitoringDashboard")).get("DashboardBody");
        StringBuilder body = new StringBuilder();
        for (Object part : (List<Object>) ((List<Object>) join.get("Fn::Join")).get(1)) {
            body.append(part instanceof String text ? text : "TOKEN");
        }

        assertThat(body.toString()).contains("\"title\":\"API requests\"", "\"Count\"",
                "\"title\":\"API latency (ms)\"", "\"stat\":\"p50\"", "\"stat\":\"p99\"",
                "\"IntegrationLatency\"", "\"4XXError\"", "\"5XXError\"", "\"5xxErrors\"",
                "\"Throttles\"", "\"ConcurrentExecutions\"", "\"label\":\"reserved concurrency\"",
                "\"type\":\"alarm\"");
    }

    @Test
    void outputsTheUrlsFunctionAliasBucketAndTable() {
        template.hasOutput("UploadUrl", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of("/upload"))))));
        template.hasOutput("ApiUrl", Match.anyValue());
        template.hasOutput("FunctionArn", Map.of("Value", arnOf(logicalId("AWS::Lambda::Function", "UploadFunction"))));
        template.hasOutput("LiveAliasArn", Map.of("Value", ref(logicalId("AWS::Lambda::Alias", "UploadFunctionLiveAlias"))));
        template.hasOutput("BucketName", Map.of("Value", ref("DataBucketE3889A50")));
        template.hasOutput("TableName", Map.of("Value", ref("ProductTableB8D4E9ED")));
    }

    @Test
    void cdkNagFindsNothingUnsuppressedInAnyPackIncludingNist80053() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(templates.nagSuppressions()).extracting(s -> (String) s.get("id"))
                .anyMatch(id -> id.startsWith("NIST.800.53.R5-"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionNamesItsRuleAndGivesAReason() {
        List<Map<String, Object>> suppressions = templates.nagSuppressions();
        assertThat(suppressions).isNotEmpty().allSatisfy(suppression -> {
            assertThat((String) suppression.get("id"))
                    .matches("^(AwsSolutions|Serverless|NIST\\.800\\.53\\.R5)-[A-Za-z0-9]+$|^CdkNagValidationFailure$");
            assertThat((String) suppression.get("reason")).hasSizeGreaterThan(60);
        });
        assertThat(suppressions).filteredOn(s -> s.get("id").equals("AwsSolutions-IAM5"))
                .allSatisfy(s -> assertThat((List<String>) s.get("applies_to")).hasSize(1));
        // With IAM on every route and no web ACL given, the WAF findings are suppressed for that reason alone.
        assertThat(suppressions).filteredOn(s -> s.get("id").equals("AwsSolutions-APIG3")).singleElement()
                .satisfies(s -> assertThat((String) s.get("reason")).contains("IAM-signed"));
    }
}
