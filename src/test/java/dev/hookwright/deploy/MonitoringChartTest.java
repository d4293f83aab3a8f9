package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's optional monitoring: a ServiceMonitor that can verify what it scrapes, alerts
 * and a dashboard. Whether their metrics exist is {@link MonitoringMetricsTest}'s question.
 */
class MonitoringChartTest {
    static final Map<String, String> ALL_ON = Map.of(
            "monitoring.serviceMonitor.enabled", "true",
            "monitoring.prometheusRule.enabled", "true",
            "monitoring.dashboard.enabled", "true");
    static final Set<String> ALERTS = Set.of("HookwrightMigrationFailed", "HookwrightMigrationStuck",
            "HookwrightWebhookDown", "HookwrightCertificateExpiresSoon");

    @Test
    void rendersNothingOfItByDefault() {
        List<String> kinds = Chart.render().kinds();
        assertThat(kinds).doesNotContain("ServiceMonitor", "PrometheusRule", "ConfigMap");
        assertThat(Chart.render().all("Service")).hasSize(1);
    }

    @Test
    void scrapesTheManagementPortOverHttpsVerifyingTheServingCertificate() throws Exception {
        Chart.Rendered chart = Chart.render(ALL_ON);
        JsonNode monitor = chart.one("ServiceMonitor");
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(fieldNames(monitor.path("spec"))).containsExactlyInAnyOrder("selector", "namespaceSelector", "endpoints");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(fieldNames(endpoint)).containsExactlyInAnyOrder("port", "path", "scheme", "interval", "scrapeTimeout",
                "honorLabels", "tlsConfig");
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("honorLabels").asBoolean()).as("keeps the Deployments' namespace label").isTrue();

        // The selector finds hookwright's one Service, and its metrics port leads to the container's management port.
        Service metrics = metricsService(chart);
        Map<String, String> selector = Json.mapper().convertValue(monitor.path("spec").path("selector").path("matchLabels"),
                Map.class);
        assertThat(chart.all("Service")).as("one Service serves the webhook and the metrics").hasSize(1);
        assertThat(metrics.getMetadata().getLabels()).containsAllEntriesOf(selector);
        assertThat(metrics.getSpec().getPorts()).filteredOn(port -> port.getName().equals(endpoint.path("port").asText()))
                .singleElement().satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("management"));
        JsonNode container = chart.one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("ports").findValuesAsText("name")).contains("management");
        assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames").get(0).asText()).isEqualTo(Chart.NAMESPACE);

        // The CA named is the one that signed the served certificate, and serverName is one of its names.
        JsonNode tls = endpoint.path("tlsConfig");
        JsonNode secret = chart.one("Secret");
        assertThat(tls.path("ca").path("secret").path("name").asText()).isEqualTo(secret.path("metadata").path("name").asText());
        String caKey = tls.path("ca").path("secret").path("key").asText();
        X509Certificate ca = RenderedCertificates.certificate(secret.path("data").path(caKey).asText());
        X509Certificate serving = RenderedCertificates.certificate(secret.path("data").path("tls.crt").asText());
        serving.verify(ca.getPublicKey());
        assertThat(RenderedCertificates.sans(serving)).contains(tls.path("serverName").asText());
    }

    @Test
    void namesTheCaSecretGivenForExternalCertificates() {
        Map<String, String> values = new java.util.HashMap<>(ALL_ON);
        values.putAll(Map.of("certificates.mode", "external", "certificates.external.caBundle", "Y2E=",
                "certificates.external.secretName", "my-tls", "monitoring.serviceMonitor.caSecret.name", "my-ca",
                "monitoring.serviceMonitor.caSecret.key", "ca.pem"));
        JsonNode ca = Chart.render(values).one("ServiceMonitor").path("spec").path("endpoints").get(0).path("tlsConfig")
                .path("ca").path("secret");
        assertThat(ca.path("name").asText()).isEqualTo("my-ca");
        assertThat(ca.path("key").asText()).isEqualTo("ca.pem");
    }

    @Test
    void alertsOnFailedAndStuckMigrationsAWebhookDownAndAnExpiringCertificate() {
        JsonNode rule = Chart.render(ALL_ON).one("PrometheusRule");
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        List<JsonNode> rules = rules(rule);
        assertThat(rules.stream().map(r -> r.path("alert").asText()).collect(java.util.stream.Collectors.toSet()))
                .isEqualTo(ALERTS);
        for (JsonNode alert : rules) {
            assertThat(fieldNames(alert)).as(alert.path("alert").asText())
                    .containsExactlyInAnyOrder("alert", "expr", "for", "labels", "annotations");
            assertThat(alert.path("for").asText()).matches("[0-9]+[smhd]");
            assertThat(alert.path("labels").path("severity").asText()).isIn("critical", "warning", "info");
            assertThat(alert.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(PromQl.metricNames(alert.path("expr").asText())).as(alert.path("expr").asText()).isNotEmpty();
        }
        // Series of the webhook itself are picked by the scrape job the ServiceMonitor makes.
        rules.stream().filter(r -> r.path("alert").asText().matches("HookwrightWebhookDown|HookwrightCertificateExpiresSoon"))
                .forEach(r -> assertThat(r.path("expr").asText()).contains("job=\"hookwright\"",
                        "namespace=\"hookwright\""));
        assertThat(metricsService(Chart.render(ALL_ON)).getMetadata().getName()).isEqualTo("hookwright");
    }

    @Test
    void takesTheStuckAndExpiryThresholdsFromValues() {
        Map<String, String> values = new java.util.HashMap<>(ALL_ON);
        values.putAll(Map.of("monitoring.prometheusRule.migrationStuck.waitingFor", "2h",
                "monitoring.prometheusRule.certificateExpiresSoon.days", "30",
                "monitoring.prometheusRule.runbookBaseUrl", "https://runbooks.example.com/hookwright/"));
        List<JsonNode> rules = rules(Chart.render(values).one("PrometheusRule"));
        JsonNode waiting = rules.stream().filter(r -> "waiting".equals(r.path("labels").path("reason").asText()))
                .findFirst().orElseThrow();
        assertThat(waiting.path("for").asText()).isEqualTo("2h");
        JsonNode expiry = rules.stream().filter(r -> r.path("alert").asText().equals("HookwrightCertificateExpiresSoon"))
                .findFirst().orElseThrow();
        assertThat(expiry.path("expr").asText()).endsWith("< 30 * 86400");
        assertThat(expiry.path("annotations").path("runbook_url").asText())
                .isEqualTo("https://runbooks.example.com/hookwright#hookwrightcertificateexpiressoon");
    }

    @Test
    void shipsTheDashboardInAConfigMapForGrafanasSidecar() throws Exception {
        ConfigMap map = Json.mapper().convertValue(Chart.render(ALL_ON).one("ConfigMap"), ConfigMap.class);
        assertThat(map.getAdditionalProperties()).isEmpty();
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = Json.mapper().readTree(map.getData().get("hookwright.json"));
        assertThat(dashboard.path("uid").asText()).isEqualTo("hookwright");
        assertThat(expressions(dashboard)).hasSizeGreaterThan(10);
        assertThat(Chart.render(Map.of("monitoring.dashboard.enabled", "true", "monitoring.dashboard.namespace", "grafana"))
                .one("ConfigMap").path("metadata").path("namespace").asText()).isEqualTo("grafana");
    }

    static List<JsonNode> rules(JsonNode prometheusRule) {
        List<JsonNode> rules = new ArrayList<>();
        prometheusRule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** Every query of every panel. */
    static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    /** Every metric name the chart's alerts and dashboard read, as rendered with everything on. */
    static Set<String> namesRead() throws Exception {
        Chart.Rendered chart = Chart.render(ALL_ON);
        Set<String> names = new TreeSet<>();
        rules(chart.one("PrometheusRule")).forEach(rule -> names.addAll(PromQl.metricNames(rule.path("expr").asText())));
        JsonNode dashboard = Json.mapper().readTree(chart.one("ConfigMap").path("data").path("hookwright.json").asText());
        expressions(dashboard).forEach(expression -> names.addAll(PromQl.metricNames(expression)));
        dashboard.path("templating").path("list").forEach(variable -> names.addAll(
                PromQl.metricNames(variable.path("definition").asText().replaceAll("^label_values\\((.*),[^,]*\\)$", "$1"))));
        return names;
    }

    private static Service metricsService(Chart.Rendered chart) {
        return chart.all("Service").stream().map(s -> Json.mapper().convertValue(s, Service.class))
                .filter(s -> s.getSpec().getPorts().stream().anyMatch(port -> "metrics".equals(port.getName())))
                .findFirst().orElseThrow(() -> new AssertionError("no Service with a metrics port"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
