package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook configurations decide which requests hookwright ever sees (docs/reference.md, Endpoints). */
class WebhookConfigurationTest {
    private static final String EXCLUSIONS = """
            [{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["kube-system","hookwright"]},
             {"key":"hookwright.dev/ignore","operator":"NotIn","values":["true"]}]""";

    @ParameterizedTest(name = "certificates.mode={0}")
    @ValueSource(strings = {"helm", "cert-manager", "external"})
    void bothConfigurationsPassTheStrictSchemasWhicheverCertificatePathIsChosen(String mode) {
        Chart.Rendered chart = Chart.render(CertificateModes.values(mode));
        Schemas.assertValid(Schemas.MUTATING_WEBHOOK, chart.one("MutatingWebhookConfiguration"));
        Schemas.assertValid(Schemas.VALIDATING_WEBHOOK, chart.one("ValidatingWebhookConfiguration"));
    }

    @Test
    void mutateSeesOnlyOptedInDeploymentsOnCreateAndUpdate() {
        JsonNode webhook = mutating();
        assertThat(webhook.path("name").asText()).isEqualTo("migrations.hookwright.dev");
        assertThat(webhook.path("clientConfig").path("service")).isEqualTo(Expected.json("""
                {"name":"hookwright","namespace":"hookwright","path":"/mutate","port":443}"""));
        assertThat(webhook.path("rules")).isEqualTo(Expected.json("""
                [{"apiGroups":["apps"],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],
                  "resources":["deployments"],"scope":"Namespaced"}]"""));
        assertThat(webhook.path("objectSelector")).isEqualTo(Expected.json("""
                {"matchLabels":{"hookwright.dev/migrations":"enabled"}}"""));
    }

    @Test
    void mutateSkipsKubeSystemItsOwnNamespaceAndIgnoredNamespaces() {
        assertThat(mutating().path("namespaceSelector").path("matchExpressions")).isEqualTo(Expected.json(EXCLUSIONS));
    }

    @Test
    void onlyIgnoreTrueTakesANamespaceOutOfEveryWebhook() {
        // Each webhook with the namespace labels that select it: the policy entries also need their mode.
        Map<JsonNode, Map<String, String>> selected = new java.util.LinkedHashMap<>();
        selected.put(mutating().path("namespaceSelector"), Map.of());
        for (JsonNode webhook : validating()) {
            String mode = webhook.path("name").asText().split("\\.")[0];
            selected.put(webhook.path("namespaceSelector"),
                    mode.equals("default") ? Map.of() : Map.of("hookwright.dev/policy", mode));
        }
        assertThat(selected).hasSize(4);
        selected.forEach((selector, modeLabels) -> {
            assertThat(LabelSelectors.matches(selector, labels("shop", modeLabels, "true"))).isFalse();
            for (String notIgnoring : List.of("false", "yes", "")) {
                assertThat(LabelSelectors.matches(selector, labels("shop", modeLabels, notIgnoring)))
                        .as("ignore=%s", notIgnoring).isTrue();
            }
            assertThat(LabelSelectors.matches(selector, labels("shop", modeLabels, null))).isTrue();
            assertThat(LabelSelectors.matches(selector, labels("kube-system", modeLabels, null))).isFalse();
            assertThat(LabelSelectors.matches(selector, labels("hookwright", modeLabels, null))).isFalse();
        });
    }

    private static Map<String, String> labels(String namespace, Map<String, String> modeLabels, String ignore) {
        Map<String, String> labels = new java.util.HashMap<>(modeLabels);
        labels.put("kubernetes.io/metadata.name", namespace);
        if (ignore != null) {
            labels.put("hookwright.dev/ignore", ignore);
        }
        return labels;
    }

    @Test
    void mutateAdmitsObjectsCarryingAReleaseAnnotationOrTheInstanceLabelGuardedWithHas() {
        JsonNode conditions = mutating().path("matchConditions");
        assertThat(conditions).hasSize(1);
        String expression = conditions.get(0).path("expression").asText();
        assertThat(expression)
                .contains("has(object.metadata.annotations) && ('meta.helm.sh/release-name' in "
                        + "object.metadata.annotations || 'hookwright.dev/release' in object.metadata.annotations)")
                .contains("(has(object.metadata.labels) && 'app.kubernetes.io/instance' in object.metadata.labels)");
    }

    @Test
    void mutateReceivesDeploymentsThatCarryOnlyTheInstanceLabelOnCreateAndUpdate() {
        JsonNode policyLike = Expected.json("{\"spec\":{\"matchConditions\":" + mutating().path("matchConditions") + "}}");
        JsonNode instanceOnly = Expected.json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"shop-web","namespace":"shop",
                  "labels":{"hookwright.dev/migrations":"enabled","app.kubernetes.io/instance":"shop"}},"spec":{}}""");
        JsonNode unmarked = Objects.remove(instanceOnly, "/metadata/labels/app.kubernetes.io~1instance");
        JsonNode annotated = Objects.set(unmarked, "/metadata/annotations", "{\"meta.helm.sh/release-name\":\"shop\"}");
        assertThat(matches(policyLike, "CREATE", instanceOnly, null)).isTrue();
        assertThat(matches(policyLike, "CREATE", annotated, null)).isTrue();
        assertThat(matches(policyLike, "CREATE", unmarked, null)).isFalse();
        assertThat(matches(policyLike, "UPDATE", instanceOnly, unmarked)).isTrue();
        assertThat(matches(policyLike, "UPDATE", unmarked, instanceOnly)).as("dropping the label still arrives").isTrue();
        assertThat(matches(policyLike, "UPDATE", unmarked, annotated)).as("dropping the annotation still arrives").isTrue();
        assertThat(matches(policyLike, "UPDATE", unmarked, unmarked)).isFalse();

        JsonNode strict = Expected.json("{\"spec\":{\"matchConditions\":" + Chart.render("webhooks.mutate.matchInstanceLabel",
                "false").one("MutatingWebhookConfiguration").path("webhooks").get(0).path("matchConditions") + "}}");
        assertThat(matches(strict, "CREATE", instanceOnly, null)).isFalse();
        assertThat(matches(strict, "CREATE", annotated, null)).isTrue();
    }

    private static boolean matches(JsonNode conditions, String operation, JsonNode object, JsonNode oldObject) {
        return AdmissionCel.decide(conditions, AdmissionPolicyTest.review("deployments", "", operation, "shop",
                "alice", object, oldObject)).matched();
    }

    @Test
    void mutateStillSeesAnUpdateThatDropsTheReleaseAnnotation() {
        String expression = mutating().path("matchConditions").get(0).path("expression").asText();
        assertThat(expression).contains("request.operation == 'UPDATE' && has(oldObject.metadata.annotations)"
                + " && ('meta.helm.sh/release-name' in oldObject.metadata.annotations"
                + " || 'hookwright.dev/release' in oldObject.metadata.annotations)");
    }

    @Test
    void theInstanceLabelCanBeLeftOutOfTheMatch() {
        JsonNode webhook = Chart.render("webhooks.mutate.matchInstanceLabel", "false")
                .one("MutatingWebhookConfiguration").path("webhooks").get(0);
        assertThat(webhook.path("matchConditions").get(0).path("expression").asText())
                .doesNotContain("app.kubernetes.io/instance");
    }

    @Test
    void theApiServerAlwaysCallsPort443OfTheServiceWhateverTheContainerPort() {
        Chart.Rendered chart = Chart.render("webhooks.port", "10250");
        assertThat(chart.one("MutatingWebhookConfiguration").path("webhooks").findValuesAsText("port")).containsOnly("443");
        assertThat(chart.one("ValidatingWebhookConfiguration").path("webhooks").findValuesAsText("port"))
                .containsOnly("443");
    }

    @Test
    void mutateHasNoSideEffectsSpeaksV1IsReinvokedAndFailsOpenQuickly() {
        JsonNode webhook = mutating();
        assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
        assertThat(webhook.path("admissionReviewVersions")).isEqualTo(Expected.json("[\"v1\"]"));
        assertThat(webhook.path("reinvocationPolicy").asText()).isEqualTo("IfNeeded");
        assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(5);
        assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
    }

    @Test
    void failurePolicyFailIsAValueAway() {
        Chart.Rendered chart = Chart.render("webhooks.mutate.failurePolicy", "Fail",
                "webhooks.validate.failurePolicy", "Fail");
        assertThat(chart.one("MutatingWebhookConfiguration").path("webhooks").findValuesAsText("failurePolicy"))
                .containsOnly("Fail");
        assertThat(chart.one("ValidatingWebhookConfiguration").path("webhooks").findValuesAsText("failurePolicy"))
                .containsOnly("Fail");
    }

    @Test
    void validateHasOneEntryPerModeAndNoneForOff() {
        List<JsonNode> webhooks = validating();
        assertThat(webhooks).extracting(w -> w.path("name").asText())
                .containsExactly("enforce.policy.hookwright.dev", "warn.policy.hookwright.dev",
                        "default.policy.hookwright.dev");
        assertThat(webhooks).extracting(w -> w.path("clientConfig").path("service").path("path").asText())
                .containsExactly("/validate/enforce", "/validate/warn", "/validate");
    }

    @Test
    void validateSelectsEachModeByTheNamespaceLabelAfterTheSameExclusions() {
        Map<String, String> modeSelectors = Map.of(
                "enforce.policy.hookwright.dev", """
                        {"key":"hookwright.dev/policy","operator":"In","values":["enforce"]}""",
                "warn.policy.hookwright.dev", """
                        {"key":"hookwright.dev/policy","operator":"In","values":["warn"]}""",
                // NotIn also matches a namespace without the label: one entry covers
                // "unlabelled" and "an invalid value", and `off` matches no entry at all.
                "default.policy.hookwright.dev", """
                        {"key":"hookwright.dev/policy","operator":"NotIn","values":["enforce","warn","off"]}""");
        for (JsonNode webhook : validating()) {
            List<JsonNode> expected = new ArrayList<>();
            Expected.json(EXCLUSIONS).forEach(expected::add);
            expected.add(Expected.json(modeSelectors.get(webhook.path("name").asText())));
            assertThat(webhook.path("namespaceSelector").path("matchExpressions"))
                    .as(webhook.path("name").asText()).containsExactlyElementsOf(expected);
            assertThat(webhook.has("objectSelector")).isFalse();
        }
    }

    @Test
    void validateSeesOnlyObjectsCarryingHelmsHookMarksAndNeverSecrets() {
        for (JsonNode webhook : validating()) {
            assertThat(webhook.path("rules")).isEqualTo(Expected.json("""
                    [{"apiGroups":["batch"],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],
                      "resources":["jobs"],"scope":"Namespaced"},
                     {"apiGroups":["apps"],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],
                      "resources":["deployments","statefulsets","daemonsets"],"scope":"Namespaced"},
                     {"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],
                      "resources":["configmaps","persistentvolumeclaims","services","serviceaccounts"],
                      "scope":"Namespaced"}]"""));
            assertThat(webhook.path("rules").toString()).doesNotContain("secrets");
            JsonNode asPolicy = Expected.json("{\"spec\":{\"matchConditions\":" + webhook.path("matchConditions") + "}}");
            assertThat(sent(asPolicy, Map.of("helm.sh/hook", "pre-install"))).as("a hook").isTrue();
            assertThat(sent(asPolicy, Map.of("helm.sh/hook-delete-policy", "keep"))).as("a delete policy").isTrue();
            assertThat(sent(asPolicy, Map.of("meta.helm.sh/release-name", "shop"))).as("an ordinary object").isFalse();
            assertThat(sent(asPolicy, null)).as("no annotations at all").isFalse();
        }
    }

    /** Whether the API server would send an object with these annotations, by the match conditions. */
    private static boolean sent(JsonNode matchConditions, Map<String, String> annotations) {
        com.fasterxml.jackson.databind.node.ObjectNode object = Expected.json("{\"metadata\":{\"name\":\"x\"}}").deepCopy();
        if (annotations != null) {
            annotations.forEach((k, v) -> object.withObjectProperty("metadata").withObjectProperty("annotations").put(k, v));
        }
        return AdmissionCel.decide(matchConditions, new AdmissionCel.Review(
                Expected.json("{\"operation\":\"CREATE\"}"), object, null, null)).matched();
    }

    @Test
    void validateHasNoSideEffectsSpeaksV1AndFailsOpenQuickly() {
        for (JsonNode webhook : validating()) {
            assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
            assertThat(webhook.path("admissionReviewVersions")).isEqualTo(Expected.json("[\"v1\"]"));
            assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(5);
            assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
            assertThat(webhook.has("reinvocationPolicy")).as("validating webhooks are never reinvoked").isFalse();
        }
    }

    @Test
    void webhookNamesAreUniqueAndQualified() {
        List<String> names = new ArrayList<>();
        names.add(mutating().path("name").asText());
        validating().forEach(w -> names.add(w.path("name").asText()));
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.endsWith(".hookwright.dev"));
    }

    private static JsonNode mutating() {
        JsonNode webhooks = Chart.render().one("MutatingWebhookConfiguration").path("webhooks");
        assertThat(webhooks).hasSize(1);
        return webhooks.get(0);
    }

    private static List<JsonNode> validating() {
        List<JsonNode> webhooks = new ArrayList<>();
        Chart.render().one("ValidatingWebhookConfiguration").path("webhooks").forEach(webhooks::add);
        return webhooks;
    }
}
