package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the chart installs, where, and on which clusters. */
class ChartObjectsTest {
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

    @Test
    void installsWhatAPlatformTeamNeedsAndNothingElse() {
        assertThat(Chart.render().kinds()).containsExactly("ClusterRole", "ClusterRoleBinding", "Deployment",
                "MutatingWebhookConfiguration", "PodDisruptionBudget", "ResourceQuota", "Role", "RoleBinding", "Secret",
                "Service", "ServiceAccount", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
                "ValidatingWebhookConfiguration");
    }

    @Test
    void putsEveryNamespacedObjectIntoTheReleaseNamespace() {
        for (JsonNode object : Chart.render(Map.of("namespaceLabelPolicy.enabled", "true", "networkPolicy.enabled", "true",
                "networkPolicy.apiServer[0].ipBlock.cidr", "10.0.0.1/32")).objects()) {
            String kind = object.path("kind").asText();
            JsonNode namespace = object.path("metadata").path("namespace");
            if (CLUSTER_SCOPED.contains(kind)) {
                assertThat(namespace.isMissingNode()).as(kind + " is cluster-scoped").isTrue();
            } else {
                assertThat(namespace.asText()).as(kind).isEqualTo(Chart.NAMESPACE);
            }
        }
    }

    @Test
    void labelsEveryObjectWithTheRelease() {
        for (JsonNode object : Chart.render(Map.of("namespaceLabelPolicy.enabled", "true", "networkPolicy.enabled", "true",
                "networkPolicy.apiServer[0].ipBlock.cidr", "10.0.0.1/32")).objects()) {
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
                    .as(object.path("kind").asText()).isEqualTo(Chart.RELEASE);
        }
    }

    @Test
    void passesHelmLintInStrictMode() {
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void refusesClustersOlderThan130() {
        assertThatThrownBy(() -> Chart.template("1.29.9", Map.of()))
                .hasMessageContaining("chart requires kubeVersion: >=1.30.0-0");
    }

    @Test
    void installsOn130IncludingProviderBuilds() {
        for (String version : List.of("1.30.0", "v1.30.4-eks-a737599", "1.33.1+k3s1")) {
            assertThat(Chart.template(version, Map.of())).as(version).contains("kind: MutatingWebhookConfiguration");
        }
    }
}
