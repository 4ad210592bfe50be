package dev.productupload.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An IAM-authenticated stack behind a web ACL of the account's own, in an account too small to reserve concurrency. */
class ProductUploadStackWithGivenWebAclTest {

    private static final String ACL = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d";

    private static ProductUploadStack stack;
    private static Template template;
    private static Templates templates;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.synthesize(Map.of("webAclArn", ACL, "reservedConcurrency", "none"));
        template = Template.fromStack(stack);
        templates = new Templates(template);
    }

    @Test
    void associatesTheGivenWebAclAndCreatesNone() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of("WebACLArn", ACL));
        assertThat(templates.nagSuppressions()).extracting(s -> (String) s.get("id"))
                .doesNotContain("AwsSolutions-APIG3", "NIST.800.53.R5-APIGWAssociatedWithWAF");
    }

    @Test
    void reservesNoConcurrencyAndAlarmsOnNoneWhenToldNone() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", Match.absent()));
        assertThat(template.findResources("AWS::CloudWatch::Alarm")).hasSize(10);
        assertThat(template.findResources("AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("MetricName", "ConcurrentExecutions")))).isEmpty();
        assertThat(templates.nagSuppressions()).extracting(s -> (String) s.get("id"))
                .contains("NIST.800.53.R5-LambdaConcurrency");
    }

    @Test
    void staysCleanUnderCdkNag() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.anyValue())).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
