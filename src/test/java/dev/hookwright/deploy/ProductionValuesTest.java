package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/helm/values-production.yaml: what README "Install" recommends for production. */
class ProductionValuesTest {
    private static final Path VALUES = Path.of("deploy", "helm", "values-production.yaml");
    private final Chart.Rendered chart = Chart.Rendered.parse(new Helm(Chart.DIR).template().withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE).withKubeVersion(Chart.KUBE_VERSION).withValuesFile(VALUES).call());
    private final JsonNode deployment = chart.one("Deployment");
    private final JsonNode pod = deployment.path("spec").path("template").path("spec");

    @Test
    void runsTwoCriticalReplicasOnTwoNodesWithADisruptionBudget() {
        Schemas.assertValid(Schemas.DEPLOYMENT, deployment);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
        assertThat(pod.path("topologySpreadConstraints").get(0).path("whenUnsatisfiable").asText())
                .isEqualTo("DoNotSchedule");
        assertThat(chart.one("PodDisruptionBudget").path("spec").path("minAvailable").asInt()).isEqualTo(1);
    }

    @Test
    void fencesTheNetworkSwitchesDryRunOffAndGuardsTheExemptionLabels() {
        assertThat(chart.one("NetworkPolicy").path("spec").path("ingress")).hasSize(2);
        assertThat(pod.path("containers").get(0).path("env").findParents("name").stream()
                .filter(e -> e.path("name").asText().equals("HOOKWRIGHT_DRY_RUN_ENABLED"))
                .map(e -> e.path("value").asText())).containsExactly("false");
        assertThat(chart.all("ValidatingAdmissionPolicy")).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("hookwright-self-limits", "hookwright-namespace-labels");
    }
}
