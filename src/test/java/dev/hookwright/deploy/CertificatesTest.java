package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three certificate paths: made by the chart, by cert-manager, or by the user. */
class CertificatesTest {
    private static final String HOST = "hookwright.hookwright.svc";

    @Test
    void theChartMakesACaAndAServingCertificateForTheService() throws Exception {
        Chart.Rendered chart = Chart.render();
        JsonNode secret = chart.one("Secret");
        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("hookwright-tls");
        X509Certificate ca = RenderedCertificates.certificate(secret.path("data").path("ca.crt").asText());
        X509Certificate serving = RenderedCertificates.certificate(secret.path("data").path("tls.crt").asText());
        serving.verify(ca.getPublicKey());
        ca.checkValidity();
        assertThat(ca.getBasicConstraints()).as("the CA is a CA").isGreaterThanOrEqualTo(0);
        assertThat(RenderedCertificates.sans(serving)).containsExactlyInAnyOrder(HOST, HOST + ".cluster.local");
        assertThat(new String(Base64.getDecoder().decode(secret.path("data").path("tls.key").asText())))
                .contains("PRIVATE KEY");
    }

    @Test
    void everyWebhookTrustsTheCaTheChartMade() {
        Chart.Rendered chart = Chart.render();
        String ca = chart.one("Secret").path("data").path("ca.crt").asText();
        assertThat(caBundles(chart)).hasSize(4).containsOnly(ca);
    }

    @Test
    void aRegenerationKeepsTrustingThePreviousCaBesideTheNewOne() throws Exception {
        // An earlier render's CA stands in for the one the installed Secret holds: helm template
        // cannot look the Secret up, so the value the lookup fills is given directly.
        String previous = Chart.render().one("Secret").path("data").path("ca.crt").asText();
        Chart.Rendered chart = Chart.render("certificates.helm.previousCaBundle", previous);
        String current = chart.one("Secret").path("data").path("ca.crt").asText();
        assertThat(current).isNotEqualTo(previous);
        List<String> bundles = caBundles(chart);
        assertThat(bundles).hasSize(4).containsOnly(bundles.get(0));
        // The API server reads caBundle as a PEM bundle and trusts every certificate in it.
        List<X509Certificate> trusted = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(Base64.getDecoder().decode(bundles.get(0))))
                .forEach(c -> trusted.add((X509Certificate) c));
        assertThat(trusted).containsExactly(RenderedCertificates.certificate(current), RenderedCertificates.certificate(previous));
        X509Certificate serving = RenderedCertificates.certificate(chart.one("Secret").path("data").path("tls.crt").asText());
        serving.verify(trusted.get(0).getPublicKey());
    }

    @Test
    void certManagerIssuesTheCertificatesAndInjectsTheCa() {
        Chart.Rendered chart = Chart.render(CertificateModes.values("cert-manager"));
        assertThat(chart.all("Secret")).as("cert-manager writes the Secret").isEmpty();
        assertThat(chart.all("Issuer")).extracting(i -> i.path("metadata").path("name").asText())
                .containsExactly("hookwright-selfsigned", "hookwright-ca");
        assertThat(chart.all("Certificate")).extracting(c -> c.path("metadata").path("name").asText())
                .containsExactly("hookwright-ca", "hookwright-tls");
        JsonNode caCertificate = chart.all("Certificate").get(0).path("spec");
        assertThat(caCertificate.path("isCA").asBoolean()).isTrue();
        assertThat(caCertificate.path("issuerRef").path("name").asText()).isEqualTo("hookwright-selfsigned");
        JsonNode serving = chart.all("Certificate").get(1).path("spec");
        assertThat(serving.path("secretName").asText()).isEqualTo("hookwright-tls");
        assertThat(serving.path("issuerRef").path("name").asText()).isEqualTo("hookwright-ca");
        assertThat(serving.path("dnsNames")).isEqualTo(Expected.json("""
                ["%s", "%s.cluster.local"]""".formatted(HOST, HOST)));
        for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
            assertThat(chart.one(kind).path("metadata").path("annotations").path("cert-manager.io/inject-ca-from")
                    .asText()).isEqualTo("hookwright/hookwright-tls");
        }
        assertThat(caBundles(chart)).as("the CA injector fills caBundle in").isEmpty();
    }

    @Test
    void externalCertificatesTakeTheCaBundleFromTheValues() {
        Chart.Rendered chart = Chart.render(CertificateModes.values("external"));
        assertThat(chart.all("Secret")).as("the user creates the Secret").isEmpty();
        assertThat(chart.all("Certificate")).isEmpty();
        assertThat(caBundles(chart)).hasSize(4).containsOnly(CertificateModes.EXTERNAL_CA_BUNDLE);
        assertThat(chart.one("MutatingWebhookConfiguration").path("metadata").has("annotations")).isFalse();
    }

    @Test
    void externalCertificatesCanNameTheirOwnSecret() {
        Map<String, String> values = new java.util.HashMap<>(CertificateModes.values("external"));
        values.put("certificates.external.secretName", "my-serving-cert");
        JsonNode pod = Chart.render(values).one("Deployment").path("spec").path("template").path("spec");
        assertThat(pod.path("volumes").findValuesAsText("secretName")).containsExactly("my-serving-cert");
    }

    @Test
    void externalCertificatesWithoutACaBundleAreRefused() {
        assertThatThrownBy(() -> Chart.render("certificates.mode", "external"))
                .hasMessageContaining("certificates.external.caBundle");
    }

    @Test
    void anUnknownCertificateModeIsRefused() {
        assertThatThrownBy(() -> Chart.render("certificates.mode", "vault"))
                .hasMessageContaining("certificates.mode must be helm, cert-manager or external, not \"vault\"");
    }

    private static List<String> caBundles(Chart.Rendered chart) {
        List<String> bundles = new ArrayList<>();
        for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
            chart.one(kind).path("webhooks").forEach(w -> {
                if (w.path("clientConfig").has("caBundle")) {
                    bundles.add(w.path("clientConfig").path("caBundle").asText());
                }
            });
        }
        return bundles;
    }
}
