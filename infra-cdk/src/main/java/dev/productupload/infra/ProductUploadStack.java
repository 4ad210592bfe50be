package dev.productupload.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole service: a KMS key; a versioned, encrypted, private data bucket with access logs; the product
 * table; the function with SnapStart behind its {@code live} alias; a throttled, IAM-authenticated REST API
 * that validates bodies with the request schema; alarms on an SNS topic and a dashboard.
 */
public final class ProductUploadStack extends Stack {

    /** The handler class and method in the deployable jar. */
    public static final String HANDLER = "dev.productupload.entrypoint.lambda.UploadHandler::handleRequest";
    /** The request schema, copied from the handler's resources at build time. */
    public static final String SCHEMA_RESOURCE = "/schema/upload-request.schema.json";
    /** Memory of the function: CPU grows with memory, and 1 GiB gives the JVM and TLS a full share at low cost. */
    public static final int MEMORY_MB = 1024;
    /** Below API Gateway's 29 s integration limit, above the SDK's 20 s call timeout. */
    public static final Duration TIMEOUT = Duration.seconds(28);

    final Key key;
    final Bucket logBucket;
    final Bucket dataBucket;
    final Table table;
    final LogGroup functionLogs;
    final Role functionRole;
    final Function function;
    final Alias live;
    final RestApi api;
    final Topic alarmTopic;

    public ProductUploadStack(Construct scope, String id, StackProps props, Path lambdaJar, StackSettings settings) {
        super(scope, id, props);
        RemovalPolicy removal = settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

        key = Key.Builder.create(this, "DataKey")
                .description("Encrypts the product files and the product table of " + getStackName())
                .enableKeyRotation(true)
                .alias("alias/" + getStackName())
                .removalPolicy(removal)
                .build();

        logBucket = Bucket.Builder.create(this, "AccessLogBucket")
                // S3 server access logs can only be delivered to SSE-S3 buckets.
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("ExpireAccessLogs")
                        .expiration(Duration.days(365)).build()))
                .removalPolicy(removal)
                .build();

        Bucket.Builder data = Bucket.Builder.create(this, "DataBucket")
                .versioned(true)
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(logBucket)
                .serverAccessLogsPrefix("data-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("ExpireReplacedVersions")
                                .noncurrentVersionExpiration(Duration.days(settings.noncurrentVersionDays())).build(),
                        LifecycleRule.builder().id("AbortIncompleteUploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .removalPolicy(removal);
        if (!settings.corsOrigins().isEmpty()) {
            data.cors(List.of(CorsRule.builder()
                    .allowedOrigins(settings.corsOrigins())
                    .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD))
                    .maxAge(3600)
                    .build()));
        }
        dataBucket = data.build();

        table = Table.Builder.create(this, "ProductTable")
                .partitionKey(Attribute.builder().name("productId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("version").type(AttributeType.NUMBER).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(!settings.destroyOnDelete())
                .removalPolicy(removal)
                .build();

        functionLogs = LogGroup.Builder.create(this, "FunctionLogs")
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(removal)
                .build();
        functionRole = functionRole();
        function = Function.Builder.create(this, "UploadFunction")
                .description("POST /upload: stores a product version and its file")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(lambdaJar.toString()))
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .role(functionRole)
                .logGroup(functionLogs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .reservedConcurrentExecutions(settings.reservedConcurrency())
                .environment(Map.of(
                        "BUCKET_NAME", dataBucket.getBucketName(),
                        "TABLE_NAME", table.getTableName(),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .build();
        live = Alias.Builder.create(this, "LiveAlias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();

        api = restApi(settings);
        alarmTopic = alarmsAndDashboard(settings);

        CfnOutput.Builder.create(this, "UploadUrl").description("POST products and files here")
                .value(api.urlForPath("/upload")).build();
        CfnOutput.Builder.create(this, "FunctionArn").value(function.getFunctionArn()).build();
        CfnOutput.Builder.create(this, "LiveAliasArn").value(live.getFunctionArn()).build();
        CfnOutput.Builder.create(this, "BucketName").value(dataBucket.getBucketName()).build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();

        NagSuppressionsForStack.apply(this, settings);
    }

    /**
     * Exactly what the handler does: put and delete file versions, put and query items, write its logs. Active
     * tracing adds the X-Ray statement (PutTraceSegments, PutTelemetryRecords) to the role's default policy.
     */
    private Role functionRole() {
        String region = getRegion();
        return Role.Builder.create(this, "UploadFunctionRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("The upload function: files under products/, product items, its own logs and traces")
                .inlinePolicies(Map.of("upload", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().sid("StoreAndCompensateFiles").effect(Effect.ALLOW)
                                .actions(List.of("s3:PutObject", "s3:DeleteObjectVersion"))
                                .resources(List.of(dataBucket.arnForObjects("products/*"))).build(),
                        PolicyStatement.Builder.create().sid("WriteAndReadProductVersions").effect(Effect.ALLOW)
                                .actions(List.of("dynamodb:PutItem", "dynamodb:Query"))
                                .resources(List.of(table.getTableArn())).build(),
                        PolicyStatement.Builder.create().sid("UseDataKeyThroughS3AndDynamoDb").effect(Effect.ALLOW)
                                .actions(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"))
                                .resources(List.of(key.getKeyArn()))
                                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", List.of(
                                        "s3." + region + ".amazonaws.com", "dynamodb." + region + ".amazonaws.com"))))
                                .build(),
                        PolicyStatement.Builder.create().sid("WriteOwnLogs").effect(Effect.ALLOW)
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(functionLogs.getLogGroupArn())).build()))
                        .build()))
                .build();
    }

    private RestApi restApi(StackSettings settings) {
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs")
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .build();
        RestApi rest = RestApi.Builder.create(this, "UploadApi")
                .restApiName(getStackName())
                .description("product-upload: POST /upload")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(true)
                .deployOptions(StageOptions.builder()
                        .stageName("prod")
                        .throttlingRateLimit(settings.throttleRate())
                        .throttlingBurstLimit(settings.throttleBurst())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        .loggingLevel(MethodLoggingLevel.valueOf(settings.executionLogLevel()))
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .build())
                .build();

        CfnModel model = CfnModel.Builder.create(this, "UploadRequestModel")
                .restApiId(rest.getRestApiId())
                .name("UploadRequest")
                .contentType("application/json")
                .schema(requestSchema())
                .build();
        IModel requestModel = Model.fromModelName(this, "UploadRequestModelRef", model.getRef());
        RequestValidator validator = rest.addRequestValidator("BodyAndParameters",
                software.amazon.awscdk.services.apigateway.RequestValidatorOptions.builder()
                        .requestValidatorName("body-and-parameters")
                        .validateRequestBody(true)
                        .validateRequestParameters(true)
                        .build());

        Resource upload = rest.getRoot().addResource("upload");
        upload.addMethod("POST", LambdaIntegration.Builder.create(live).proxy(true).allowTestInvoke(false).build(), MethodOptions.builder()
                .authorizationType(settings.iamAuth() ? AuthorizationType.IAM : AuthorizationType.NONE)
                .requestValidator(validator)
                .requestModels(Map.of("application/json", requestModel))
                .requestParameters(Map.of("method.request.header.Content-Type", true))
                .build());
        if (!settings.iamAuth()) {
            Annotations.of(this).addWarningV2("product-upload:openApi",
                    "auth=none: POST /upload accepts requests from anyone who knows the URL; throttling is the only limit");
        }
        problemResponses(rest);
        return rest;
    }

    /** Errors that API Gateway answers itself speak application/problem+json too. */
    private static void problemResponses(RestApi rest) {
        problem(rest, "BadRequestBody", ResponseType.BAD_REQUEST_BODY, "400", "invalid-request",
                "The request has invalid fields", "\"$context.error.validationErrorString\"");
        problem(rest, "BadRequestParameters", ResponseType.BAD_REQUEST_PARAMETERS, "400", "invalid-request",
                "The request has invalid fields", "$context.error.messageString");
        problem(rest, "Throttled", ResponseType.THROTTLED, "429", "throttled",
                "Too many requests; retry later", "$context.error.messageString");
        problem(rest, "AccessDenied", ResponseType.ACCESS_DENIED, "403", "access-denied",
                "Access denied", "$context.error.messageString");
        problem(rest, "Unauthorized", ResponseType.UNAUTHORIZED, "401", "unauthorized",
                "Not authenticated", "$context.error.messageString");
        problem(rest, "MissingAuthenticationToken", ResponseType.MISSING_AUTHENTICATION_TOKEN, "403", "access-denied",
                "Access denied", "\"the request is not signed, or no such resource: the only resource is POST /upload\"");
        problem(rest, "RequestTooLarge", ResponseType.REQUEST_TOO_LARGE, "413", "payload-too-large",
                "The request is too large", "$context.error.messageString");
        problem(rest, "Default4xx", ResponseType.DEFAULT_4_XX, null, "gateway-client-error",
                "The request was refused", "$context.error.messageString");
        problem(rest, "Default5xx", ResponseType.DEFAULT_5_XX, null, "gateway-error",
                "The gateway could not complete the request", "$context.error.messageString");
    }

    private static void problem(RestApi rest, String id, ResponseType type, String status, String slug, String title,
                                String detail) {
        String statusField = status == null ? "" : "\"status\":" + status + ",";
        GatewayResponseOptions.Builder options = GatewayResponseOptions.builder()
                .type(type)
                .responseHeaders(Map.of("Content-Type", "'application/problem+json'"))
                .templates(Map.of("application/json", "{\"type\":\"urn:product-upload:problem:" + slug + "\","
                        + "\"title\":\"" + title + "\"," + statusField + "\"detail\":" + detail + ","
                        + "\"requestId\":\"$context.requestId\"}"));
        if (status != null) {
            options.statusCode(status);
        }
        rest.addGatewayResponse(id, options.build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> requestSchema() {
        try (InputStream in = ProductUploadStack.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("request schema missing from the class path: " + SCHEMA_RESOURCE);
            }
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Topic alarmsAndDashboard(StackSettings settings) {
        Topic topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName(getStackName() + " alarms")
                .enforceSsl(true)
                .build();
        if (settings.alarmEmail() != null) {
            topic.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
        List<Alarm> alarms = new ArrayList<>();
        alarms.add(alarm("FunctionErrors", "The upload function failed (errors, not 4xx answers)",
                live.metricErrors(fiveMinutes), 1, 1));
        alarms.add(alarm("FunctionThrottles", "The upload function was throttled",
                function.metricThrottles(fiveMinutes), 1, 1));
        alarms.add(alarm("Api5xxRate", "More than 1% of API requests answered 5xx",
                api.metricServerError(MetricOptions.builder().period(Duration.minutes(5)).statistic("Average").build()),
                0.01, 1));
        alarms.add(alarm("ApiLatencyP99", "API p99 latency above 3 s for 15 minutes",
                api.metricLatency(MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build()),
                3000, 3));
        alarms.add(alarm("TableThrottles", "DynamoDB throttled writes or queries of the product table",
                table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(List.of(Operation.PUT_ITEM, Operation.QUERY))
                        .period(Duration.minutes(5)).build()), 1, 1));
        SnsAction notify = new SnsAction(topic);
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(getStackName())
                .build();
        for (Alarm alarm : alarms) {
            alarm.addAlarmAction(notify);
            alarm.addOkAction(notify);
            dashboard.addWidgets(AlarmWidget.Builder.create().alarm(alarm).title(alarm.getNode().getId())
                    .width(8).build());
        }
        return topic;
    }

    private Alarm alarm(String id, String description, IMetric metric, double threshold, int periods) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static RetentionDays retention(int days) {
        return switch (days) {
            case 1 -> RetentionDays.ONE_DAY;
            case 3 -> RetentionDays.THREE_DAYS;
            case 5 -> RetentionDays.FIVE_DAYS;
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 60 -> RetentionDays.TWO_MONTHS;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 120 -> RetentionDays.FOUR_MONTHS;
            case 150 -> RetentionDays.FIVE_MONTHS;
            case 180 -> RetentionDays.SIX_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            case 400 -> RetentionDays.THIRTEEN_MONTHS;
            case 545 -> RetentionDays.EIGHTEEN_MONTHS;
            case 731 -> RetentionDays.TWO_YEARS;
            case 1827 -> RetentionDays.FIVE_YEARS;
            case 3653 -> RetentionDays.TEN_YEARS;
            default -> throw new IllegalArgumentException("logRetentionDays must be one CloudWatch Logs offers "
                    + "(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653), not " + days);
        };
    }

}
