package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How hookwright itself runs: available through drains, locked down, probed on the management port. */
class DeploymentTest {
    private final Chart.Rendered chart = Chart.render();
    private final JsonNode deployment = chart.one("Deployment");
    private final JsonNode pod = deployment.path("spec").path("template").path("spec");
    private final JsonNode container = pod.path("containers").get(0);

    @Test
    void passesTheStrictDeploymentSchema() {
        Schemas.assertValid(Schemas.DEPLOYMENT, deployment);
    }

    @Test
    void runsTwoReplicasSpreadAcrossNodes() {
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
        assertThat(pod.path("topologySpreadConstraints")).isEqualTo(Expected.json("""
                [{"maxSkew":1,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"ScheduleAnyway",
                  "labelSelector":{"matchLabels":%s}}]""".formatted(selector)));
        assertThat(pod.path("affinity").path("podAntiAffinity")).isEqualTo(Expected.json("""
                {"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":
                  {"topologyKey":"kubernetes.io/hostname","labelSelector":{"matchLabels":%s}}}]}"""
                .formatted(selector)));
    }

    @Test
    void keepsOneReplicaThroughVoluntaryDisruptions() {
        JsonNode budget = chart.one("PodDisruptionBudget");
        assertThat(budget.path("apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(budget.path("spec")).isEqualTo(Expected.json("""
                {"minAvailable":1,"selector":{"matchLabels":%s}}"""
                .formatted(deployment.path("spec").path("selector").path("matchLabels"))));
    }

    @Test
    void rendersNoDisruptionBudgetThatWouldBlockDrainsOfASingleReplica() {
        assertThat(Chart.render("replicaCount", "1").all("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void meetsTheRestrictedPodSecurityStandard() {
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
                .isEqualTo("RuntimeDefault");
        JsonNode security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities")).isEqualTo(Expected.json("{\"drop\":[\"ALL\"]}"));
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).isFalse();
    }

    @Test
    void writesOnlyToAnEmptyDirTmp() {
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(mount("tmp").path("mountPath").asText()).isEqualTo("/tmp");
        assertThat(volume("tmp").has("emptyDir")).isTrue();
    }

    @Test
    void hasRequestsAndLimitsForCpuAndMemory() {
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory")).isTrue();
        assertThat(resources.path("limits").has("cpu") && resources.path("limits").has("memory")).isTrue();
    }

    @Test
    void probesLivenessAndReadinessOnTheManagementPortOverHttps() {
        assertThat(container.path("ports")).isEqualTo(Expected.json("""
                [{"name":"https","containerPort":8443,"protocol":"TCP"},
                 {"name":"management","containerPort":9000,"protocol":"TCP"}]"""));
        assertThat(container.path("livenessProbe").path("httpGet")).isEqualTo(Expected.json("""
                {"path":"/q/health/live","port":"management","scheme":"HTTPS"}"""));
        assertThat(container.path("readinessProbe").path("httpGet")).isEqualTo(Expected.json("""
                {"path":"/q/health/ready","port":"management","scheme":"HTTPS"}"""));
    }

    @Test
    void mountsTheTlsSecretReadOnlyWhereTheEnvironmentPointsTheServer() {
        assertThat(mount("tls")).isEqualTo(Expected.json("""
                {"name":"tls","mountPath":"/etc/hookwright/tls","readOnly":true}"""));
        assertThat(volume("tls").path("secret").path("secretName").asText()).isEqualTo("hookwright-tls");
        Map<String, String> env = env();
        assertThat(env).containsEntry("HOOKWRIGHT_TLS_CERT", "/etc/hookwright/tls/tls.crt")
                .containsEntry("HOOKWRIGHT_TLS_KEY", "/etc/hookwright/tls/tls.key")
                .containsEntry("HOOKWRIGHT_TLS_RELOAD_PERIOD", "30s");
    }

    @Test
    void tellsTheControllerItsNamespaceThroughTheDownwardApi() {
        JsonNode podNamespace = null;
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals("POD_NAMESPACE")) {
                podNamespace = variable;
            }
        }
        assertThat(podNamespace).isEqualTo(Expected.json("""
                {"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}}"""));
    }

    @Test
    void passesThePolicyConfigurationAsEnvironment() {
        assertThat(env()).containsEntry("HOOKWRIGHT_POLICY_HELM_TIMEOUT_SECONDS", "300")
                .containsEntry("HOOKWRIGHT_POLICY_DEFAULT_MODE", "warn")
                .containsEntry("HOOKWRIGHT_POLICY_MAX_BACKOFF_LIMIT", "6")
                .containsEntry("HOOKWRIGHT_POLICY_MAX_ACTIVE_DEADLINE_SECONDS", "3600")
                .doesNotContainKey("HOOKWRIGHT_MIGRATION_DEFAULT_COMMAND");
    }

    @Test
    void passesADefaultMigrationCommandOnlyWhenOneIsConfigured() {
        JsonNode configured = Chart.render("config.migrationDefaultCommand", "[\"node\",\"db/migrate.mjs\"]")
                .one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(configured.path("env").findParents("name").stream()
                .filter(v -> v.path("name").asText().equals("HOOKWRIGHT_MIGRATION_DEFAULT_COMMAND"))
                .map(v -> v.path("value").asText()))
                .containsExactly("[\"node\",\"db/migrate.mjs\"]");
    }

    @Test
    void theServiceSendsPort443ToTheNamedHttpsPort() {
        JsonNode service = chart.one("Service");
        assertThat(service.path("spec").path("ports")).isEqualTo(Expected.json("""
                [{"name":"https","port":443,"targetPort":"https","protocol":"TCP"}]"""));
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(v -> {
            if (v.has("value")) {
                env.put(v.path("name").asText(), v.path("value").asText());
            }
        });
        return env;
    }

    private JsonNode mount(String name) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(name)) {
                return mount;
            }
        }
        throw new AssertionError("no volumeMount " + name);
    }

    private JsonNode volume(String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }
}
