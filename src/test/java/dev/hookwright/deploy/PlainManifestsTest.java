package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/manifests/hookwright.yaml is the chart rendered for {@code kubectl apply}. It is
 * checked in so users need no Helm; this test keeps it from drifting. After a chart change run
 * {@code make manifests} (this test with {@code -Dmanifests.update=true}) and read the diff.
 */
class PlainManifestsTest {
    static final Path FILE = Path.of("deploy", "manifests", "hookwright.yaml");
    private static final String HEADER = """
            # hookwright for kubectl apply, rendered from deploy/helm/hookwright with
            # deploy/helm/values-plain-manifests.yaml. Do not edit: run `make manifests`.
            # Install with `make deploy`, which makes the certificates, creates the
            # Secret and puts the CA in place of HOOKWRIGHT_CA_BUNDLE.
            """;

    @Test
    void equalsWhatTheChartRenders() throws IOException {
        String rendered = HEADER + Chart.plainManifests();
        if (Boolean.getBoolean("manifests.update")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, rendered);
        }
        assertThat(FILE).as("%s is missing: run `make manifests`", FILE).exists();
        assertThat(Files.readString(FILE))
                .as("%s is out of date with the chart: run `make manifests` and commit the result", FILE)
                .isEqualTo(rendered);
    }

    @Test
    void carriesThePlaceholderMakeDeployReplacesInEveryWebhook() throws IOException {
        Chart.Rendered manifests = Chart.Rendered.parse(Files.readString(FILE));
        int webhooks = manifests.one("MutatingWebhookConfiguration").path("webhooks").size()
                + manifests.one("ValidatingWebhookConfiguration").path("webhooks").size();
        assertThat(manifests.objects().stream().flatMap(o -> o.findValuesAsText("caBundle").stream()))
                .hasSize(webhooks).containsOnly("HOOKWRIGHT_CA_BUNDLE");
    }

    @Test
    void mountsTheSecretMakeDeployCreatesAndGeneratesNoKeyMaterial() throws IOException {
        Chart.Rendered manifests = Chart.Rendered.parse(Files.readString(FILE));
        assertThat(manifests.all("Secret")).isEmpty();
        JsonNode deployment = manifests.one("Deployment");
        Schemas.assertValid(Schemas.DEPLOYMENT, deployment);
        assertThat(deployment.path("spec").path("template").path("spec").path("volumes")
                .findValuesAsText("secretName")).containsExactly("hookwright-tls");
    }
}
