package dev.productupload.infra;

import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a synthesized template: logical ids, references, a role's statements, and cdk-nag suppressions. */
final class Templates {

    private final Template template;

    Templates(Template template) {
        this.template = template;
    }

    String logicalId(String type, String idPrefix) {
        return template.findResources(type).keySet().stream().filter(id -> id.startsWith(idPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + idPrefix + "*"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) template.toJSON().get("Resources"))
                .get(logicalId);
        return (Map<String, Object>) resource.get("Properties");
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    /** Every Allow statement of a role (inline and attached policies), as (resource, condition) to its actions. */
    @SuppressWarnings("unchecked")
    Map<List<Object>, List<String>> grantsOf(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        Map<String, Object> roleProperties = properties(role);
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
        Map<List<Object>, List<String>> granted = new HashMap<>();
        for (Map<String, Object> statement : statements) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            List<Object> key = new ArrayList<>();
            key.add(statement.get("Resource"));
            key.add(statement.getOrDefault("Condition", Map.of()));
            granted.computeIfAbsent(key, k -> new ArrayList<>()).addAll(actions(statement));
        }
        return granted;
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    /** Every cdk-nag suppression in the template, from the resources' metadata. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nagSuppressions() {
        List<Map<String, Object>> suppressions = new ArrayList<>();
        for (Map<String, Object> resource : ((Map<String, Map<String, Object>>) template.toJSON().get("Resources")).values()) {
            Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
            if (metadata != null && metadata.get("cdk_nag") != null) {
                suppressions.addAll((List<Map<String, Object>>) ((Map<String, Object>) metadata.get("cdk_nag"))
                        .get("rules_to_suppress"));
            }
        }
        return suppressions;
    }
}
