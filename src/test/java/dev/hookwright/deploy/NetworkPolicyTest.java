package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional NetworkPolicy: the webhook port for the API server, the management port for labelled scrapers. */
class NetworkPolicyTest {

    @Test
    void isOffByDefault() {
        assertThat(Chart.render().all("NetworkPolicy")).isEmpty();
    }

    @Test
    void letsOnlyTheNamedApiServerReachTheWebhookPortAndOnlyLabelledScrapersTheMetrics() {
        Chart.Rendered chart = Chart.render("networkPolicy.enabled", "true",
                "networkPolicy.apiServer[0].ipBlock.cidr", "172.16.0.2/32");
        JsonNode policy = chart.one("NetworkPolicy");
        assertThat(policy.path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        assertThat(policy.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
        assertThat(policy.path("spec")).isEqualTo(Expected.json("""
                {"podSelector":{"matchLabels":%s},
                 "policyTypes":["Ingress"],
                 "ingress":[
                   {"from":[{"ipBlock":{"cidr":"172.16.0.2/32"}}],"ports":[{"port":8443,"protocol":"TCP"}]},
                   {"from":[{"namespaceSelector":{},"podSelector":{"matchLabels":{"hookwright.dev/metrics-scraper":"true"}}}],
                    "ports":[{"port":9000,"protocol":"TCP"}]}]}""".formatted(
                chart.one("Deployment").path("spec").path("selector").path("matchLabels"))));
    }

    @Test
    void followsTheWebhookPort() {
        JsonNode policy = Chart.render("networkPolicy.enabled", "true", "webhooks.port", "10250",
                "networkPolicy.apiServer[0].ipBlock.cidr", "172.16.0.2/32").one("NetworkPolicy");
        assertThat(policy.path("spec").path("ingress").get(0).path("ports")).isEqualTo(Expected.json("""
                [{"port":10250,"protocol":"TCP"}]"""));
    }

    @Test
    void refusesToCutTheApiServerOff() {
        assertThatThrownBy(() -> Chart.render("networkPolicy.enabled", "true"))
                .hasMessageContaining("networkPolicy.apiServer");
    }
}
