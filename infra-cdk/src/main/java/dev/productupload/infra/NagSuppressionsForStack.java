package dev.productupload.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

import java.util.List;

/** Every cdk-nag finding the stack accepts, each on the exact resource and finding, with its reason. */
final class NagSuppressionsForStack {

    private NagSuppressionsForStack() {
    }

    static void apply(ProductUploadStack stack, StackSettings settings) {
        IConstruct role = stack.function.role.getNode().getDefaultChild();
        IConstruct rolePolicy = stack.function.role.getNode().findChild("DefaultPolicy").getNode().getDefaultChild();
        String bucketArn = "<" + logicalId(stack, stack.storage.dataBucket) + ".Arn>";
        suppress(rolePolicy, "AwsSolutions-IAM5", "Resource::" + bucketArn + "/products/*",
                "Each upload writes a new key products/{productId}/files/{fileId}/{fileName} that cannot be named in "
                        + "advance; the products/ prefix is the narrowest scope, and only PutObject, DeleteObject "
                        + "(a delete marker, never a version's erasure) and GetObjectVersion are allowed on it.");
        suppress(rolePolicy, "AwsSolutions-IAM5", "Resource::" + bucketArn + "/products/*/files/*",
                "Completing a staged upload HEADs its key products/{productId}/files/{uploadId}/{fileName}, made when "
                        + "the upload is created; s3:GetObject (which HEAD needs) is the only action, on file keys only (ADR 14).");
        suppress(rolePolicy, "AwsSolutions-IAM5", "Resource::*",
                "Added by active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level "
                        + "permissions, so X-Ray requires Resource *.");
        suppress(role, "Serverless-LambdaStarPermissions", null,
                "The only wildcard resources are the products/ prefix of the data bucket (and its file keys) and X-Ray's Resource *, "
                        + "both explained in the AwsSolutions-IAM5 suppressions.");
        suppress(stack.function.function.getNode().getDefaultChild(), "Serverless-LambdaDLQ", null,
                "API Gateway invokes the function synchronously and the caller receives every failure; a dead-letter "
                        + "queue only receives failed asynchronous invocations, and there are none.");
        suppress(stack.api.cloudWatchRole.getNode().getDefaultChild(), "AwsSolutions-IAM5",
                "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:*",
                "The account-level role API Gateway writes every REST API's execution and access logs with in this "
                        + "account and region; its log groups are named by API id and stage, so it is scoped to the "
                        + "account and region, as AWS Solutions Constructs scopes it.");
        if (!settings.hasWebAcl()) {
            suppress(stack.api.rest.getDeploymentStage().getNode().getDefaultChild(), "AwsSolutions-APIG3", null,
                    "Every route requires IAM-signed requests (AWS_IAM), so an anonymous caller is refused before "
                            + "any work; the stage throttles and validates. A web ACL can be attached with -c webAclArn.");
        }
        suppress(stack.api.rest.getLatestDeployment().getNode().getDefaultChild(), "CdkNagValidationFailure",
                "Serverless-APIGWStructuredLogging",
                "The rule reads the deployment's inline stage description, which this stack does not use; the stage "
                        + "(prod) writes JSON access logs, and a template test asserts it.");
        stack.api.methods.values().forEach(method -> {
            IConstruct resource = method.getNode().getDefaultChild();
            if (settings.iamAuth()) {
                suppress(resource, "AwsSolutions-COG4", null,
                        "Callers are applications that sign requests with IAM credentials (AWS_IAM authorization); "
                                + "there are no end users for a Cognito user pool to authenticate.");
            } else {
                suppress(resource, "AwsSolutions-COG4", null,
                        "auth=none was chosen in context for this deployment; the stage has a WAF web ACL with a "
                                + "rate limit per client IP, and the synth says so in a warning.");
                suppress(resource, "AwsSolutions-APIG4", null,
                        "auth=none was chosen in context for this deployment; the stage has a WAF web ACL with a "
                                + "rate limit per client IP, and the synth says so in a warning.");
            }
        });
        if (settings.alarmEmail() != null) {
            suppress(stack.monitoring.topic.getNode().findChild(settings.alarmEmail()).getNode().getDefaultChild(),
                    "Serverless-SNSRedrivePolicy", null,
                    "An alarm e-mail that cannot be delivered needs no dead-letter queue: the alarm state stays in "
                            + "CloudWatch and on the dashboard, and SNS retries e-mail delivery itself.");
        }
        nist(stack, settings);
        reconciler(stack);
        Annotations.of(stack.function.function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "API Gateway invokes the live alias, which points at the published current version.");
    }

    /** NIST 800-53 rev 5 findings that this design answers another way; each reason says how. */
    private static void nist(ProductUploadStack stack, StackSettings settings) {
        IConstruct dataBucket = stack.storage.dataBucket.getNode().getDefaultChild();
        IConstruct logBucket = stack.storage.accessLogBucket.getNode().getDefaultChild();
        suppress(dataBucket, "NIST.800.53.R5-S3BucketReplicationEnabled", null,
                "The service runs in one region by design (docs/deploy.md): files are kept against loss by "
                        + "versioning, noncurrent versions kept noncurrentVersionDays, and a retained bucket; a "
                        + "replica would need a second region's bucket and key that this stack does not deploy.");
        suppress(logBucket, "NIST.800.53.R5-S3BucketReplicationEnabled", null,
                "The access-log bucket is versioned and retained in the service's one region; replicating the "
                        + "audit copy needs a second region's bucket that this single-region stack does not deploy.");
        suppress(logBucket, "NIST.800.53.R5-S3DefaultEncryptionKMS", null,
                "S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS; the "
                        + "bucket is encrypted with SSE-S3 and refuses plain HTTP.");
        suppress(stack.storage.table.getNode().getDefaultChild(), "NIST.800.53.R5-DynamoDBInBackupPlan", null,
                "The table has point-in-time recovery (any second of the last 35 days), deletion protection and a "
                        + "retain policy; an AWS Backup plan is an account-wide choice the stack leaves to the account.");
        suppress(stack.storage.idempotencyTable.getNode().getDefaultChild(), "NIST.800.53.R5-DynamoDBInBackupPlan",
                null, "The table holds answers for 24 hours only; it has point-in-time recovery, deletion protection "
                        + "and a retain policy, and an AWS Backup plan is an account-wide choice left to the account.");
        for (IConstruct logs : List.of(stack.function.logs, stack.api.accessLogs, stack.api.executionLogs)) {
            suppress(logs.getNode().getDefaultChild(), "NIST.800.53.R5-CloudWatchLogGroupEncrypted", null,
                    "CloudWatch Logs encrypts every log group at rest; these logs carry ids, statuses, sizes, "
                            + "latencies and the caller's ARN and IP, never a request body, a file or a credential.");
        }
        IConstruct function = stack.function.function.getNode().getDefaultChild();
        suppress(function, "NIST.800.53.R5-LambdaDLQ", null,
                "API Gateway invokes the function synchronously and the caller receives every failure; a dead-letter "
                        + "queue only receives failed asynchronous invocations, and there are none.");
        suppress(function, "NIST.800.53.R5-LambdaInsideVPC", null,
                "The function reaches nothing but AWS APIs (S3, DynamoDB, KMS, X-Ray, CloudWatch Logs), over TLS "
                        + "with SigV4 and a role scoped per resource; a VPC would add ENIs, endpoints or NAT and no "
                        + "control over those calls that the role does not already give.");
        suppress(stack.function.role.getNode().findChild("DefaultPolicy").getNode().getDefaultChild(),
                "NIST.800.53.R5-IAMNoInlinePolicy", null,
                "The grants belong to the function's own role and live and die with it; a customer managed policy "
                        + "would be a separate object that grants the same access to any role it is later attached to.");
        suppress(stack.api.cloudWatchRole.getNode().getDefaultChild(), "NIST.800.53.R5-IAMNoInlinePolicy", null,
                "The policy belongs to API Gateway's logging role alone, as AWS Solutions Constructs builds it; a "
                        + "customer managed policy could be attached to other roles and grant them log access.");
        if (settings.reservedConcurrency() == null) {
            suppress(function, "NIST.800.53.R5-LambdaConcurrency", null,
                    "reservedConcurrency=none was chosen in context for this deployment (an account whose concurrency "
                            + "limit is too small to reserve any); the stage throttle is then the only limit.");
        }
        if (stack.api.webAcl != null) {
            suppress(stack.api.webAcl, "NIST.800.53.R5-WAFv2LoggingEnabled", null,
                    "The web ACL keeps sampled requests and per-rule CloudWatch metrics, and the stage's access logs "
                            + "record every request's WAF response code; full WAF logs would duplicate them.");
        }
        IConstruct stage = stack.api.rest.getDeploymentStage().getNode().getDefaultChild();
        if (!settings.hasWebAcl()) {
            suppress(stage, "NIST.800.53.R5-APIGWAssociatedWithWAF", null,
                    "Every route requires IAM-signed requests (AWS_IAM), so an anonymous caller is refused before "
                            + "any work; the stage throttles and validates. A web ACL can be attached with -c webAclArn.");
        }
        suppress(stage, "NIST.800.53.R5-APIGWCacheEnabledAndEncrypted", null,
                "Every route is a write or an authenticated read that must see the latest product version; a cache "
                        + "would answer with stale versions, so the stage has none (and no cached data to encrypt).");
        suppress(stage, "NIST.800.53.R5-APIGWSSLEnabled", null,
                "The rule asks for a client certificate for HTTP backends; the only integration is the Lambda API "
                        + "(AWS_PROXY), which API Gateway calls with SigV4, where a client certificate has no use.");
    }

    /** The scheduled reconciler's findings: the same answers as the API function's, and why it needs no queue. */
    private static void reconciler(ProductUploadStack stack) {
        IConstruct function = stack.reconciler.function.getNode().getDefaultChild();
        IConstruct rolePolicy = stack.reconciler.role.getNode().findChild("DefaultPolicy").getNode().getDefaultChild();
        suppress(rolePolicy, "AwsSolutions-IAM5", "Resource::<" + logicalId(stack, stack.storage.dataBucket)
                        + ".Arn>/products/*",
                "The reconciler erases file versions no product version references; their keys are found by listing "
                        + "products/, so the prefix is the narrowest scope, and s3:DeleteObjectVersion is the only "
                        + "action on it (ADR 8).");
        suppress(rolePolicy, "AwsSolutions-IAM5", "Resource::*",
                "Added by active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level "
                        + "permissions, so X-Ray requires Resource *.");
        String noQueue = "The schedule's event carries nothing but its time: a failed run is counted by the "
                + "ReconcilerFailed alarm and the next run repeats the whole comparison, so a queue of failed events "
                + "would hold nothing to replay.";
        suppress(function, "Serverless-LambdaDLQ", null, noQueue);
        suppress(function, "NIST.800.53.R5-LambdaDLQ", null, noQueue);
        suppress(stack.reconciler.function.getNode().findChild("EventInvokeConfig").getNode().getDefaultChild(),
                "Serverless-LambdaAsyncFailureDestination", null, noQueue);
        suppress(stack.reconciler.schedule.getNode().getDefaultChild(), "Serverless-EventBusDLQ", null, noQueue);
        suppress(function, "NIST.800.53.R5-LambdaInsideVPC", null,
                "The reconciler reaches nothing but AWS APIs (S3, DynamoDB, KMS, X-Ray, CloudWatch Logs), over TLS "
                        + "with SigV4 and a role scoped per resource; a VPC would add ENIs, endpoints or NAT and no "
                        + "control over those calls that the role does not already give.");
        suppress(rolePolicy, "NIST.800.53.R5-IAMNoInlinePolicy", null,
                "The grants belong to the reconciler's own role and live and die with it; a customer managed policy "
                        + "could be attached to another role and give it s3:DeleteObjectVersion.");
        suppress(stack.reconciler.logs.getNode().getDefaultChild(), "NIST.800.53.R5-CloudWatchLogGroupEncrypted", null,
                "CloudWatch Logs encrypts every log group at rest; the reconciler logs counts and file keys "
                        + "(product ids, file ids and names), never a file's content or a credential.");
    }

    private static String logicalId(Stack stack, IConstruct construct) {
        return String.valueOf(stack.resolve(((CfnElement) construct.getNode().getDefaultChild()).getLogicalId()));
    }

    private static void suppress(IConstruct resource, String rule, String finding, String reason) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (finding != null) {
            suppression.appliesTo(List.of(finding));
        }
        NagSuppressions.addResourceSuppressions(resource, List.of(suppression.build()));
    }
}
