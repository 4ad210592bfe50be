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
        String bucketArn = "<" + logicalId(stack, stack.dataBucket) + ".Arn>";
        suppress(stack.functionRole.getNode().findChild("Resource"), "AwsSolutions-IAM5",
                "Resource::" + bucketArn + "/products/*",
                "Each upload writes a new key products/{productId}/files/{fileId}/{fileName} that cannot be named in "
                        + "advance; the products/ prefix is the narrowest scope, and only PutObject and "
                        + "DeleteObjectVersion are allowed on it.");
        IConstruct defaultPolicy = stack.functionRole.getNode().findChild("DefaultPolicy").getNode().findChild("Resource");
        suppress(defaultPolicy, "AwsSolutions-IAM5", "Resource::*",
                "Added by active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level "
                        + "permissions, so X-Ray requires Resource *.");
        suppress(stack.functionRole.getNode().findChild("Resource"), "Serverless-LambdaStarPermissions", null,
                "The only wildcard resources are the products/ prefix of the data bucket and X-Ray's Resource *, "
                        + "both explained in the AwsSolutions-IAM5 suppressions.");
        suppress(stack.function.getNode().findChild("Resource"), "Serverless-LambdaDLQ", null,
                "API Gateway invokes the function synchronously and the caller receives every failure; a dead-letter "
                        + "queue only receives failed asynchronous invocations, and there are none.");
        suppress(stack.api.getNode().findChild("CloudWatchRole").getNode().findChild("Resource"), "AwsSolutions-IAM4",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                "The account-level role API Gateway needs to write execution and access logs; AWS maintains this policy "
                        + "for exactly that role, and it grants log writes only.");
        suppress(stack.api.getNode().findChild("DeploymentStage.prod").getNode().findChild("Resource"),
                "AwsSolutions-APIG3", null,
                "Requests are IAM-signed, schema-validated and throttled per stage; WAF is an extra per-request cost. "
                        + "docs/deploy.md shows how to attach a web ACL when the API faces untrusted callers.");
        suppress(stack.api.getNode().findChild("Deployment").getNode().findChild("Resource"), "CdkNagValidationFailure",
                "Serverless-APIGWStructuredLogging",
                "The rule reads the deployment's inline stage description, which this stack does not use; the stage "
                        + "(DeploymentStage.prod) writes JSON access logs, and a template test asserts it.");
        IConstruct method = stack.api.getRoot().getNode().findChild("upload").getNode().findChild("POST")
                .getNode().findChild("Resource");
        if (settings.iamAuth()) {
            suppress(method, "AwsSolutions-COG4", null,
                    "Callers are applications that sign requests with IAM credentials (AWS_IAM authorization); there "
                            + "are no end users for a Cognito user pool to authenticate.");
        } else {
            suppress(method, "AwsSolutions-COG4", null,
                    "auth=none was chosen in context for this deployment, and the stack says so in a warning.");
            suppress(method, "AwsSolutions-APIG4", null,
                    "auth=none was chosen in context for this deployment, and the stack says so in a warning.");
        }
        if (settings.alarmEmail() != null) {
            suppress(stack.alarmTopic.getNode().findChild(settings.alarmEmail()).getNode().findChild("Resource"),
                    "Serverless-SNSRedrivePolicy", null,
                    "An alarm e-mail that cannot be delivered needs no dead-letter queue: the alarm state stays in "
                            + "CloudWatch and on the dashboard, and SNS retries e-mail delivery itself.");
        }
        Annotations.of(stack.function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "API Gateway invokes the live alias, which points at the published current version.");
    }

    private static String logicalId(Stack stack, IConstruct construct) {
        return String.valueOf(stack.resolve(stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild())));
    }

    private static void suppress(IConstruct resource, String rule, String finding, String reason) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (finding != null) {
            suppression.appliesTo(List.of(finding));
        }
        NagSuppressions.addResourceSuppressions(resource, List.of(suppression.build()));
    }
}
