package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hookwright.deploy.Objects.remove;
import static dev.hookwright.deploy.Objects.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optional policy that lets only named groups set, change or remove the namespace labels
 * that switch hookwright off. Every expression is evaluated ({@link AdmissionCel}).
 */
class NamespaceLabelPolicyTest {
    private static final Chart.Rendered CHART = Chart.render("namespaceLabelPolicy.enabled", "true",
            "namespaceLabelPolicy.groups[0]", "platform-admins", "namespaceLabelPolicy.groups[1]", "system:masters");
    private static final JsonNode SHOP = Expected.json("""
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop",
              "labels":{"kubernetes.io/metadata.name":"shop","team":"shop"}}}""");

    @Test
    void isOffByDefaultAndTheSelfLimitsStayOn() {
        assertThat(Chart.render().all("ValidatingAdmissionPolicy")).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactly("hookwright-self-limits");
        assertThat(CHART.all("ValidatingAdmissionPolicy")).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("hookwright-self-limits", "hookwright-namespace-labels");
    }

    @Test
    void usesTheGaApiAndDeniesThroughItsBinding() {
        JsonNode policy = CHART.all("ValidatingAdmissionPolicy").stream()
                .filter(p -> p.path("metadata").path("name").asText().equals("hookwright-namespace-labels")).findFirst()
                .orElseThrow();
        assertThat(policy.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(policy.path("spec").path("matchConstraints").path("resourceRules")).isEqualTo(Expected.json("""
                [{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["namespaces"]}]"""));
        assertThat(CHART.all("ValidatingAdmissionPolicyBinding")).extracting(b -> b.path("spec"))
                .contains(Expected.json("""
                        {"policyName":"hookwright-namespace-labels","validationActions":["Deny"]}"""));
    }

    @Test
    void deniesEveryoneElseSettingChangingOrRemovingEitherLabel() {
        JsonNode ignored = set(SHOP, "/metadata/labels/hookwright.dev~1ignore", "\"true\"");
        JsonNode off = set(SHOP, "/metadata/labels/hookwright.dev~1policy", "\"off\"");
        JsonNode enforced = set(SHOP, "/metadata/labels/hookwright.dev~1policy", "\"enforce\"");
        for (AdmissionCel.Review review : List.of(
                review("CREATE", ignored, null, "alice", "developers"),
                review("CREATE", off, null, "alice", "developers"),
                review("UPDATE", ignored, SHOP, "alice", "developers"),
                review("UPDATE", off, enforced, "alice", "developers"),
                review("UPDATE", SHOP, ignored, "alice", "developers"),
                review("UPDATE", set(SHOP, "/metadata/labels/hookwright.dev~1ignore", "\"false\""), ignored, "bob"))) {
            AdmissionCel.Decision decision = AdmissionCel.decide(policy(), review);
            assertThat(decision.matched()).isTrue();
            assertThat(decision.denials()).containsExactly("only members of platform-admins, system:masters may set, "
                    + "change or remove the namespace labels hookwright.dev/ignore and hookwright.dev/policy");
        }
    }

    @Test
    void letsEveryoneLabelNamespacesOtherwiseAndMembersDoAnything() {
        JsonNode ignored = set(SHOP, "/metadata/labels/hookwright.dev~1ignore", "\"true\"");
        assertThat(AdmissionCel.decide(policy(), review("CREATE", SHOP, null, "alice", "developers")).allowed()).isTrue();
        assertThat(AdmissionCel.decide(policy(), review("UPDATE", set(ignored, "/metadata/labels/team", "\"web\""),
                ignored, "alice", "developers")).allowed()).isTrue();
        assertThat(AdmissionCel.decide(policy(), review("CREATE", remove(SHOP, "/metadata/labels"), null, "alice"))
                .allowed()).isTrue();
        AdmissionCel.Decision member = AdmissionCel.decide(policy(), review("UPDATE", ignored, SHOP, "carol",
                "platform-admins"));
        assertThat(member.matched()).as("members are never evaluated").isFalse();
    }

    @Test
    void refusesAnEmptyListOfGroups() {
        assertThatThrownBy(() -> Chart.render("namespaceLabelPolicy.enabled", "true", "namespaceLabelPolicy.groups", "null"))
                .hasMessageContaining("namespaceLabelPolicy.groups");
    }

    private static JsonNode policy() {
        return CHART.all("ValidatingAdmissionPolicy").stream()
                .filter(p -> p.path("metadata").path("name").asText().equals("hookwright-namespace-labels")).findFirst()
                .orElseThrow();
    }

    private static AdmissionCel.Review review(String operation, JsonNode object, JsonNode oldObject, String user,
            String... groups) {
        JsonNode request = Expected.json("""
                {"uid":"u","kind":{"group":"","version":"v1","kind":"Namespace"},
                 "resource":{"group":"","version":"v1","resource":"namespaces"},"name":"shop","operation":"%s",
                 "userInfo":{"username":"%s"%s}}""".formatted(operation, user, groups.length == 0 ? ""
                : ",\"groups\":[\"" + String.join("\",\"", groups) + "\"]"));
        return new AdmissionCel.Review(request, object, oldObject, null);
    }
}
