package dev.productupload.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogField;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CfnRestApi;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API: a regional, TLS 1.2+ endpoint whose routes all call the function's live alias with the same
 * authorization, validated before the function runs, with access and execution logs the stack owns, and problem+json
 * for every error API Gateway answers itself. Exposes {@link #rest}, {@link #accessLogs}, {@link #executionLogs},
 * {@link #cloudWatchRole}, {@link #webAcl}.
 */
final class ProductApi extends Construct {

    /** The request schema, copied from the handler's resources at build time. */
    static final String SCHEMA_RESOURCE = "/schema/upload-request.schema.json";
    static final String STAGE = "prod";
    /**
     * Accepts TLS 1.3 and 1.2 with forward-secret ciphers only; the default of a regional API is TLS_1_0:
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html
     */
    static final String SECURITY_POLICY = "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09";
    /**
     * Lambda refuses a synchronous invocation whose event is larger than 6 MB (6,291,456 bytes):
     * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
     */
    static final int LAMBDA_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /**
     * What the event carries besides fileData: headers (at most 10 KB at API Gateway), the request context, and
     * the other fields, which the schema bounds to well under 100 KB even with every character escaped.
     */
    static final int EVENT_ALLOWANCE_BYTES = 256 * 1024;
    /** Longest fileData the gateway passes on; a longer one would fail the invocation and end as a 5xx. */
    static final int FILE_DATA_MAX_LENGTH = LAMBDA_INVOKE_PAYLOAD_BYTES - EVENT_ALLOWANCE_BYTES;
    /** Actions the API Gateway account role gets, as AWS Solutions Constructs scopes that role. */
    static final List<String> CLOUDWATCH_ROLE_ACTIONS = List.of("logs:CreateLogGroup", "logs:CreateLogStream",
            "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:GetLogEvents",
            "logs:FilterLogEvents");

    /**
     * What a deployment chooses about the API.
     *
     * @param function               the alias every route invokes
     * @param iamAuth                AWS_IAM on every route (true) or no authorization
     * @param throttleRate           stage requests per second
     * @param throttleBurst          stage burst
     * @param executionLogLevel      ERROR or INFO
     * @param logRetentionDays       retention of the execution logs
     * @param accessLogRetentionDays retention of the access logs
     * @param removal                what happens to both log groups when the stack is deleted
     * @param webAclArn              a web ACL to associate with the stage, or null
     * @param wafRateLimit           requests per IP per 5 minutes of the stack's own web ACL, made when the API is
     *                               open and no web ACL is given
     */
    record Props(IFunction function, boolean iamAuth, int throttleRate, int throttleBurst, String executionLogLevel,
                 int logRetentionDays, int accessLogRetentionDays, RemovalPolicy removal, String webAclArn,
                 int wafRateLimit) {
    }

    final LogGroup accessLogs;
    final RestApi rest;
    final LogGroup executionLogs;
    final Role cloudWatchRole;
    final CfnWebACL webAcl;
    final Map<String, software.amazon.awscdk.services.apigateway.Method> methods = new LinkedHashMap<>();

    ProductApi(Construct scope, String id, Props props) {
        super(scope, id);
        String stackName = Stack.of(this).getStackName();
        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(Retention.days(props.accessLogRetentionDays()))
                .removalPolicy(props.removal())
                .build();
        Storage.keepLogicalId(accessLogs, "ApiAccessLogsE9DF007D");
        rest = RestApi.Builder.create(this, "Rest")
                .restApiName(stackName)
                .description("product-upload: POST /upload and the product reads")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(false)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .throttlingRateLimit(props.throttleRate())
                        .throttlingBurstLimit(props.throttleBurst())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(accessLogFormat())
                        .loggingLevel(MethodLoggingLevel.valueOf(props.executionLogLevel()))
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .build())
                .build();
        CfnRestApi cfnRest = (CfnRestApi) rest.getNode().getDefaultChild();
        cfnRest.setSecurityPolicy(SECURITY_POLICY);
        // An enhanced policy needs an access mode; STRICT also refuses requests whose SNI names another host.
        cfnRest.setEndpointAccessMode("STRICT");

        // API Gateway would create this group itself on the first logged error, without retention.
        executionLogs = LogGroup.Builder.create(this, "ExecutionLogs")
                .logGroupName("API-Gateway-Execution-Logs_" + rest.getRestApiId() + "/" + STAGE)
                .retention(Retention.days(props.logRetentionDays()))
                .removalPolicy(props.removal())
                .build();
        rest.getDeploymentStage().getNode().addDependency(executionLogs);
        cloudWatchRole = cloudWatchRole(cfnRest);

        routes(props);
        problemResponses();
        webAcl = webAcl(props);
        if (!props.iamAuth()) {
            Annotations.of(this).addWarningV2("product-upload:openApi",
                    "auth=none: every route accepts requests from anyone who knows the URL; the WAF web ACL's "
                            + "rate limit and the stage throttle are the only limits");
        }
    }

    /** JSON, one line per request: who called (their ARN), what, how it ended, how long the function took, the trace. */
    private static AccessLogFormat accessLogFormat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", AccessLogField.contextRequestId());
        fields.put("extendedRequestId", AccessLogField.contextExtendedRequestId());
        fields.put("ip", AccessLogField.contextIdentitySourceIp());
        fields.put("caller", AccessLogField.contextIdentityCaller());
        fields.put("user", AccessLogField.contextIdentityUser());
        fields.put("userArn", AccessLogField.contextIdentityUserArn());
        fields.put("requestTime", AccessLogField.contextRequestTime());
        fields.put("httpMethod", AccessLogField.contextHttpMethod());
        fields.put("resourcePath", AccessLogField.contextResourcePath());
        fields.put("path", AccessLogField.contextPath());
        fields.put("protocol", AccessLogField.contextProtocol());
        fields.put("status", AccessLogField.contextStatus());
        fields.put("responseLength", AccessLogField.contextResponseLength());
        fields.put("responseLatency", AccessLogField.contextResponseLatency());
        fields.put("integrationLatency", AccessLogField.contextIntegrationLatency());
        fields.put("integrationStatus", AccessLogField.contextIntegrationStatus());
        fields.put("errorMessage", AccessLogField.contextErrorMessage());
        fields.put("errorResponseType", AccessLogField.contextErrorResponseType());
        fields.put("xrayTraceId", AccessLogField.contextXrayTraceId());
        fields.put("wafResponseCode", AccessLogField.contextWafResponseCode());
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        return AccessLogFormat.custom(json.append('}').toString());
    }

    /**
     * The account's API Gateway logging role, scoped as AWS Solutions Constructs scopes it (log actions in this
     * account and region) instead of the managed AmazonAPIGatewayPushToCloudWatchLogs policy. It is one setting per
     * account and region, shared by every REST API there, so both stay when the stack is deleted.
     */
    private Role cloudWatchRole(CfnRestApi cfnRest) {
        Role role = Role.Builder.create(this, "CloudWatchRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("API Gateway writes the execution and access logs of this account and region")
                .inlinePolicies(Map.of("WriteApiGatewayLogs", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(CLOUDWATCH_ROLE_ACTIONS)
                                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":"
                                        + Aws.ACCOUNT_ID + ":*"))
                                .build())).build()))
                .build();
        role.applyRemovalPolicy(RemovalPolicy.RETAIN);
        CfnAccount account = CfnAccount.Builder.create(this, "Account").cloudWatchRoleArn(role.getRoleArn()).build();
        account.applyRemovalPolicy(RemovalPolicy.RETAIN);
        account.getNode().addDependency(cfnRest);
        rest.getDeploymentStage().getNode().addDependency(account);
        return role;
    }

    /** POST /upload with the body model, and the reads with their path, query and header parameters. */
    private void routes(Props props) {
        CfnModel model = CfnModel.Builder.create(this, "UploadRequestModel")
                .restApiId(rest.getRestApiId())
                .name("UploadRequest")
                .contentType("application/json")
                .schema(gatewaySchema())
                .build();
        model.overrideLogicalId("UploadRequestModel");
        IModel requestModel = Model.fromModelName(this, "UploadRequestModelRef", model.getRef());
        RequestValidator bodyAndParameters = rest.addRequestValidator("BodyAndParameters",
                RequestValidatorOptions.builder().requestValidatorName("body-and-parameters")
                        .validateRequestBody(true).validateRequestParameters(true).build());
        RequestValidator parameters = rest.addRequestValidator("Parameters",
                RequestValidatorOptions.builder().requestValidatorName("parameters")
                        .validateRequestBody(false).validateRequestParameters(true).build());
        LambdaIntegration integration = LambdaIntegration.Builder.create(props.function())
                .proxy(true).allowTestInvoke(false).build();
        AuthorizationType authorization = props.iamAuth() ? AuthorizationType.IAM : AuthorizationType.NONE;

        Resource upload = rest.getRoot().addResource("upload");
        methods.put("POST /upload", upload.addMethod("POST", integration, MethodOptions.builder()
                .authorizationType(authorization)
                .requestValidator(bodyAndParameters)
                .requestModels(Map.of("application/json", requestModel))
                .requestParameters(Map.of("method.request.header.Content-Type", true,
                        "method.request.header.Idempotency-Key", false))
                .build()));

        Resource products = rest.getRoot().addResource("products");
        // API Gateway checks that required parameters are present, never their format; these are all optional and
        // the function checks each (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html).
        read("GET /products", products, integration, authorization, parameters, Map.of(
                "method.request.querystring.currency", false,
                "method.request.querystring.minPrice", false,
                "method.request.querystring.maxPrice", false,
                "method.request.querystring.updatedSince", false,
                "method.request.querystring.limit", false,
                "method.request.querystring.cursor", false));
        Resource product = products.addResource("{productId}");
        Resource versions = product.addResource("versions");
        Resource version = versions.addResource("{version}");
        Resource file = product.addResource("files").addResource("{fileId}");
        read("GET /products/{productId}", product, integration, authorization, parameters, Map.of(
                "method.request.path.productId", true,
                "method.request.header.If-None-Match", false));
        read("GET /products/{productId}/versions", versions, integration, authorization, parameters, Map.of(
                "method.request.path.productId", true,
                "method.request.querystring.limit", false,
                "method.request.querystring.cursor", false));
        read("GET /products/{productId}/versions/{version}", version, integration, authorization, parameters, Map.of(
                "method.request.path.productId", true,
                "method.request.path.version", true));
        read("GET /products/{productId}/files/{fileId}", file, integration, authorization, parameters, Map.of(
                "method.request.path.productId", true,
                "method.request.path.fileId", true));
    }

    private void read(String route, Resource resource, LambdaIntegration integration, AuthorizationType authorization,
                      RequestValidator validator, Map<String, Boolean> parameters) {
        methods.put(route, resource.addMethod("GET", integration, MethodOptions.builder()
                .authorizationType(authorization)
                .requestValidator(validator)
                .requestParameters(parameters)
                .build()));
    }

    /** The handler's schema, with the one bound only the gateway needs: fileData short enough to reach the function. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> gatewaySchema() {
        Map<String, Object> schema = requestSchema();
        Map<String, Object> fileData = (Map<String, Object>) ((Map<String, Object>) schema.get("properties"))
                .get("fileData");
        fileData.put("maxLength", FILE_DATA_MAX_LENGTH);
        return schema;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> requestSchema() {
        try (InputStream in = ProductApi.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("request schema missing from the class path: " + SCHEMA_RESOURCE);
            }
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stage's WAF web ACL: the one given in context, or, for an API without authorization, the stack's own with
     * one rate-based rule per client IP. An IAM-authenticated API without one given has none.
     */
    private CfnWebACL webAcl(Props props) {
        String stageArn = "arn:" + Aws.PARTITION + ":apigateway:" + Aws.REGION + "::/restapis/" + rest.getRestApiId()
                + "/stages/" + STAGE;
        CfnWebACL created = null;
        String aclArn = props.webAclArn();
        if (aclArn == null && !props.iamAuth()) {
            created = CfnWebACL.Builder.create(this, "WebAcl")
                    .scope("REGIONAL")
                    .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                            .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                    .visibilityConfig(visibility(Stack.of(this).getStackName() + "-api"))
                    .rules(List.of(CfnWebACL.RuleProperty.builder()
                            .name("RateLimitPerIp")
                            .priority(0)
                            .action(CfnWebACL.RuleActionProperty.builder()
                                    .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                            .statement(CfnWebACL.StatementProperty.builder()
                                    .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                            .aggregateKeyType("IP")
                                            .evaluationWindowSec(300)
                                            .limit(props.wafRateLimit())
                                            .build())
                                    .build())
                            .visibilityConfig(visibility("RateLimitPerIp"))
                            .build()))
                    .build();
            aclArn = created.getAttrArn();
        }
        if (aclArn != null) {
            CfnWebACLAssociation association = CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
                    .resourceArn(stageArn)
                    .webAclArn(aclArn)
                    .build();
            association.getNode().addDependency(rest.getDeploymentStage());
        }
        return created;
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).metricName(metricName).build();
    }

    /** Errors that API Gateway answers itself speak application/problem+json too. */
    private void problemResponses() {
        problem("BadRequestBody", ResponseType.BAD_REQUEST_BODY, "400", "invalid-request",
                "The request has invalid fields", "\"$context.error.validationErrorString\"");
        problem("BadRequestParameters", ResponseType.BAD_REQUEST_PARAMETERS, "400", "invalid-request",
                "The request has invalid fields", "$context.error.messageString");
        problem("Throttled", ResponseType.THROTTLED, "429", "throttled",
                "Too many requests; retry later", "$context.error.messageString");
        problem("AccessDenied", ResponseType.ACCESS_DENIED, "403", "access-denied",
                "Access denied", "$context.error.messageString");
        problem("Unauthorized", ResponseType.UNAUTHORIZED, "401", "unauthorized",
                "Not authenticated", "$context.error.messageString");
        problem("MissingAuthenticationToken", ResponseType.MISSING_AUTHENTICATION_TOKEN, "403", "access-denied",
                "Access denied", "\"the request is not signed, or there is no such route; the API description lists the routes\"");
        problem("RequestTooLarge", ResponseType.REQUEST_TOO_LARGE, "413", "payload-too-large",
                "The request is too large", "$context.error.messageString");
        problem("Default4xx", ResponseType.DEFAULT_4_XX, null, "gateway-client-error",
                "The request was refused", "$context.error.messageString");
        problem("Default5xx", ResponseType.DEFAULT_5_XX, null, "gateway-error",
                "The gateway could not complete the request", "$context.error.messageString");
    }

    private void problem(String id, ResponseType type, String status, String slug, String title, String detail) {
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
}
