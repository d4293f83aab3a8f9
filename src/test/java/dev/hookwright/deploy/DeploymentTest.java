package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void theServiceSendsPort443ToTheNamedHttpsPortAndNamesTheMetricsPort() {
        JsonNode service = chart.one("Service");
        assertThat(service.path("spec").path("ports")).isEqualTo(Expected.json("""
                [{"name":"https","port":443,"targetPort":"https","protocol":"TCP"},
                 {"name":"metrics","port":9000,"targetPort":"management","protocol":"TCP"}]"""));
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
    }

    // ---- Graceful shutdown ----

    @Test
    void sleepsInPreStopThenDelaysAndDrainsWithinTheGracePeriod() throws IOException {
        int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
        assertThat(preStop).isEqualTo(10);
        int delay = seconds(env().get("QUARKUS_SHUTDOWN_DELAY"));
        int timeout = seconds(env().get("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertThat(delay).isEqualTo(3);
        assertThat(timeout).isEqualTo(10);
        assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                .as("the kubelet must not kill the server before preStop, the delay and the drain are over")
                .isGreaterThan(preStop + delay + timeout);
        // The delay is a build-time switch of the application; without it the env above does nothing.
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        assertThat(properties.getProperty("quarkus.shutdown.delay-enabled")).isEqualTo("true");
        assertThat(properties.getProperty("quarkus.shutdown.timeout")).isEqualTo("10s");
    }

    @Test
    void aLongerShutdownGetsALongerGracePeriod() {
        JsonNode slow = Chart.render("shutdown.preStopSleepSeconds", "20", "shutdown.timeoutSeconds", "30")
                .one("Deployment").path("spec").path("template").path("spec");
        assertThat(slow.path("terminationGracePeriodSeconds").asInt()).isEqualTo(20 + 3 + 30 + 5);
        Schemas.assertValid(Schemas.DEPLOYMENT, Chart.render("shutdown.preStopSleepSeconds", "20").one("Deployment"));
    }

    // ---- Priority ----

    @Test
    void isSystemClusterCriticalWithTheQuotaSomeProvidersRequire() {
        assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
        JsonNode quota = chart.one("ResourceQuota");
        assertThat(quota.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        assertThat(quota.path("spec")).isEqualTo(Expected.json("""
                {"hard":{"pods":"10"},"scopeSelector":{"matchExpressions":
                  [{"scopeName":"PriorityClass","operator":"In","values":["system-cluster-critical"]}]}}"""));
        Chart.Rendered none = Chart.render("priorityClassName", "");
        assertThat(none.one("Deployment").path("spec").path("template").path("spec").has("priorityClassName")).isFalse();
        assertThat(none.all("ResourceQuota")).isEmpty();
        assertThat(Chart.render("priorityClassName", "team-high").all("ResourceQuota")).isEmpty();
    }

    // ---- Webhook port ----

    @Test
    void theWebhookPortIsAValueTheServerListensOn() {
        JsonNode gke = Chart.render("webhooks.port", "10250").one("Deployment");
        Schemas.assertValid(Schemas.DEPLOYMENT, gke);
        JsonNode gkeContainer = gke.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(gkeContainer.path("ports").get(0)).isEqualTo(Expected.json("""
                {"name":"https","containerPort":10250,"protocol":"TCP"}"""));
        assertThat(env(gkeContainer)).containsEntry("QUARKUS_HTTP_SSL_PORT", "10250");
        assertThat(gke.path("spec").path("template").path("spec").path("securityContext").has("sysctls")).isFalse();
        assertThat(env()).containsEntry("QUARKUS_HTTP_SSL_PORT", "8443");
    }

    @Test
    void aPortBelow1024GetsTheSafeSysctlThatLetsANonRootServerBindIt() {
        JsonNode deployment443 = Chart.render("webhooks.port", "443").one("Deployment");
        Schemas.assertValid(Schemas.DEPLOYMENT, deployment443);
        JsonNode security = deployment443.path("spec").path("template").path("spec").path("securityContext");
        assertThat(security.path("sysctls")).isEqualTo(Expected.json("""
                [{"name":"net.ipv4.ip_unprivileged_port_start","value":"443"}]"""));
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theManagementPortCannotBeTheWebhookPort() {
        assertThatThrownBy(() -> Chart.render("webhooks.port", "9000")).hasMessageContaining("webhooks.port");
        assertThatThrownBy(() -> Chart.render("webhooks.port", "70000")).hasMessageContaining("webhooks.port");
    }

    // ---- Dry run, JVM options, metrics ----

    @Test
    void dryRunIsASwitchTheServerReads() {
        assertThat(env()).containsEntry("HOOKWRIGHT_DRY_RUN_ENABLED", "true");
        assertThat(env(Chart.render("dryRun.enabled", "false").one("Deployment").path("spec").path("template")
                .path("spec").path("containers").get(0))).containsEntry("HOOKWRIGHT_DRY_RUN_ENABLED", "false");
    }

    @Test
    void passesJavaOptionsOnlyWhenGiven() {
        assertThat(env()).doesNotContainKeys("JAVA_OPTS", "JAVA_OPTS_APPEND");
        JsonNode tuned = Chart.render("jvm.javaOpts", "-Xmx200m", "jvm.javaOptsAppend", "-Xlog:gc").one("Deployment")
                .path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(env(tuned)).containsEntry("JAVA_OPTS", "-Xmx200m").containsEntry("JAVA_OPTS_APPEND", "-Xlog:gc");
    }

    @Test
    void annotatesThePodsForScrapingMetricsOverHttps() {
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations")).isEqualTo(Expected.json("""
                {"prometheus.io/scrape":"true","prometheus.io/scheme":"https","prometheus.io/port":"9000",
                 "prometheus.io/path":"/q/metrics"}"""));
        JsonNode own = Chart.render("metrics.scrapeAnnotations", "false", "podAnnotations.team", "platform")
                .one("Deployment").path("spec").path("template").path("metadata").path("annotations");
        assertThat(own).isEqualTo(Expected.json("{\"team\":\"platform\"}"));
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private Map<String, String> env() {
        return env(container);
    }

    private static Map<String, String> env(JsonNode container) {
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
