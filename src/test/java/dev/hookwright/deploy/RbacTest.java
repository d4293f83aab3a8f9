package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hookwright's permissions, rule by rule: exactly what the controller does. There is no
 * JSON Schema for RBAC objects in the shared set, so their structure is asserted here.
 */
class RbacTest {
    private final Chart.Rendered chart = Chart.render();

    @Test
    void theClusterRoleGrantsExactlyWhatTheControllerDoes() {
        assertThat(chart.one("ClusterRole").path("rules")).isEqualTo(Expected.json("""
                [{"apiGroups":["batch"],"resources":["jobs"],
                  "verbs":["get","list","watch","create","delete","patch","update"]},
                 {"apiGroups":["apps"],"resources":["deployments"],"verbs":["get","list","watch","patch"]},
                 {"apiGroups":["apps"],"resources":["replicasets"],"verbs":["get","list","watch"]},
                 {"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]},
                 {"apiGroups":[""],"resources":["pods/status"],"verbs":["patch"]},
                 {"apiGroups":[""],"resources":["events"],"verbs":["get","create","patch"]},
                 {"apiGroups":[""],"resources":["namespaces"],"verbs":["get","list","watch"]}]"""));
    }

    @Test
    void docsControllerMdListsExactlyTheRulesOfBothRoles() throws IOException {
        String doc = Files.readString(Path.of("docs", "controller.md"));
        doc = doc.substring(doc.indexOf("\n## RBAC"));
        doc = doc.substring(0, doc.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]*)` \\| `([^`]+)` \\| ([a-z, ]+) \\|").matcher(doc);
        while (row.find()) {
            String group = row.group(1).equals("\"\"") ? "" : row.group(1);
            documented.add(group + " " + row.group(2) + " " + row.group(3).replace(" ", ""));
        }
        Set<String> granted = new TreeSet<>();
        for (JsonNode role : List.of(chart.one("ClusterRole"), chart.one("Role"))) {
            for (JsonNode rule : role.path("rules")) {
                granted.add(rule.path("apiGroups").get(0).asText() + " " + rule.path("resources").get(0).asText()
                        + " " + String.join(",", values(rule, "verbs")));
            }
        }
        assertThat(documented).isEqualTo(granted);
    }

    @Test
    void grantsNoEventsApiItDoesNotUse() {
        assertThat(chart.one("ClusterRole").path("rules").findValuesAsText("apiGroups")).doesNotContain("events.k8s.io");
        for (JsonNode rule : chart.one("ClusterRole").path("rules")) {
            assertThat(rule.path("apiGroups").toString()).doesNotContain("events.k8s.io");
        }
    }

    @Test
    void noRuleHasAWildcardTouchesSecretsOrReadsPodLogs() {
        for (JsonNode role : List.of(chart.one("ClusterRole"), chart.one("Role"))) {
            for (JsonNode rule : role.path("rules")) {
                assertThat(values(rule, "apiGroups")).doesNotContain("*");
                assertThat(values(rule, "resources")).doesNotContain("*", "secrets", "pods/log");
                assertThat(values(rule, "verbs")).doesNotContain("*", "escalate", "bind", "impersonate");
                assertThat(rule.has("resourceNames")).isFalse();
                assertThat(rule.has("nonResourceURLs")).isFalse();
            }
        }
    }

    @Test
    void leasesAreWritableOnlyInHookwrightsOwnNamespace() {
        JsonNode role = chart.one("Role");
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        assertThat(role.path("rules")).isEqualTo(Expected.json("""
                [{"apiGroups":["coordination.k8s.io"],"resources":["leases"],
                  "verbs":["get","create","update","patch"]}]"""));
        assertThat(chart.one("ClusterRole").path("rules").findValuesAsText("resources")).doesNotContain("leases");
    }

    @Test
    void bothRolesAreBoundToHookwrightsServiceAccountOnly() {
        JsonNode account = chart.one("ServiceAccount");
        JsonNode subjects = Expected.json("""
                [{"kind":"ServiceAccount","name":"%s","namespace":"%s"}]""".formatted(
                account.path("metadata").path("name").asText(), Chart.NAMESPACE));
        JsonNode clusterBinding = chart.one("ClusterRoleBinding");
        assertThat(clusterBinding.path("subjects")).isEqualTo(subjects);
        assertThat(clusterBinding.path("roleRef")).isEqualTo(Expected.json("""
                {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"%s"}""".formatted(
                chart.one("ClusterRole").path("metadata").path("name").asText())));
        JsonNode binding = chart.one("RoleBinding");
        assertThat(binding.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        assertThat(binding.path("subjects")).isEqualTo(subjects);
        assertThat(binding.path("roleRef")).isEqualTo(Expected.json("""
                {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"%s"}""".formatted(
                chart.one("Role").path("metadata").path("name").asText())));
    }

    @Test
    void thePodsRunAsThatServiceAccount() {
        assertThat(chart.one("Deployment").path("spec").path("template").path("spec")
                .path("serviceAccountName").asText())
                .isEqualTo(chart.one("ServiceAccount").path("metadata").path("name").asText());
    }

    private static List<String> values(JsonNode rule, String field) {
        List<String> out = new ArrayList<>();
        rule.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
