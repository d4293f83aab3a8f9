package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional ValidatingAdmissionPolicy that limits hookwright's own ServiceAccount. No schema
 * for it is in the shared set and no API server is at hand to compile its CEL, so its structure
 * and expressions are asserted here; evaluating them needs a cluster (README "Install").
 */
class AdmissionPolicyTest {
    private final Chart.Rendered chart = Chart.render("admissionPolicy.enabled", "true");
    private final JsonNode spec = chart.one("ValidatingAdmissionPolicy").path("spec");

    @Test
    void isOffUnlessAskedFor() {
        assertThat(Chart.render().all("ValidatingAdmissionPolicy")).isEmpty();
        assertThat(Chart.render().all("ValidatingAdmissionPolicyBinding")).isEmpty();
    }

    @Test
    void usesTheGaApiAndDeniesThroughItsBinding() {
        JsonNode binding = chart.one("ValidatingAdmissionPolicyBinding");
        assertThat(chart.one("ValidatingAdmissionPolicy").path("apiVersion").asText())
                .isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(binding.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(binding.path("spec")).isEqualTo(Expected.json("""
                {"policyName":"hookwright-self-limits","validationActions":["Deny"]}"""));
        assertThat(spec.path("failurePolicy").asText()).isEqualTo("Fail");
    }

    @Test
    void looksAtJobCreatesAndDeploymentUpdatesOnly() {
        assertThat(spec.path("matchConstraints").path("resourceRules")).isEqualTo(Expected.json("""
                [{"apiGroups":["batch"],"apiVersions":["v1"],"operations":["CREATE"],"resources":["jobs"]},
                 {"apiGroups":["apps"],"apiVersions":["v1"],"operations":["UPDATE"],"resources":["deployments"]}]"""));
    }

    @Test
    void appliesOnlyToHookwrightsServiceAccount() {
        assertThat(spec.path("matchConditions")).isEqualTo(Expected.json("""
                [{"name":"hookwright-service-account",
                  "expression":"request.userInfo.username == 'system:serviceaccount:hookwright:hookwright'"}]"""));
    }

    @Test
    void letsHookwrightCreateOnlyItsOwnJobsOwnedByADeployment() {
        assertThat(expressions()).anySatisfy(e -> assertThat(e)
                        .contains("object.metadata.labels['app.kubernetes.io/managed-by'] == 'hookwright'"))
                .anySatisfy(e -> assertThat(e).contains("object.metadata.ownerReferences.exists(r, "
                        + "r.apiVersion == 'apps/v1' && r.kind == 'Deployment' && has(r.controller) && r.controller)"));
    }

    @Test
    void letsHookwrightChangeNothingOfADeploymentButItsOwnAnnotations() {
        assertThat(expressions())
                .anySatisfy(e -> assertThat(e).contains("object.spec == oldObject.spec"))
                .anySatisfy(e -> assertThat(e).contains("object.metadata.labels == oldObject.metadata.labels"))
                .anySatisfy(e -> assertThat(e)
                        .contains("object.metadata.annotations.all(k, k.startsWith('hookwright.dev/')")
                        .contains("oldObject.metadata.annotations.all(k, k.startsWith('hookwright.dev/')"));
    }

    @Test
    void guardsEveryOptionalFieldWithHasAndEveryRuleWithItsKind() {
        for (String expression : expressions()) {
            assertThat(expression).startsWith("request.kind.kind != ");
            for (String field : List.of("labels", "annotations", "ownerReferences")) {
                if (expression.contains("object.metadata." + field)) {
                    assertThat(expression).contains("has(object.metadata." + field + ")");
                }
            }
        }
    }

    private List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        spec.path("validations").forEach(v -> {
            assertThat(v.path("message").asText()).startsWith("hookwright may");
            expressions.add(v.path("expression").asText());
        });
        assertThat(expressions).hasSize(5);
        return expressions;
    }
}
