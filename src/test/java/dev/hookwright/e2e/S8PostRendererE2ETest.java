package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Story 8. "We cannot install a cluster-wide webhook, so we use hookwright as a Helm 4
 * post-renderer: the migration Job is a real Helm hook, Helm waits for it and fails the release
 * when it fails." Runs when the plugin ({@code deploy/helm-plugin/hookwright}) is in the tree.
 */
class S8PostRendererE2ETest extends Story {
    private static final Path PLUGIN = E2eCluster.REPO.resolve("deploy/helm-plugin/hookwright");
    private static final String NS = "e2e-render";
    private static final String DEPLOYMENT = "shop-server";

    @Test
    void helmWaitsOnTheRenderedHookAndFailsTheReleaseWhenItFails() {
        // In the test, not @BeforeAll, so the run reports it as skipped with this reason.
        assumeTrue(Files.isRegularFile(PLUGIN.resolve("plugin.yaml")),
                "the Helm 4 post-renderer plugin deploy/helm-plugin/hookwright/plugin.yaml is not in this tree");
        cluster.helm.run("plugin", "install", PLUGIN.toString()).orFail("helm plugin install");
        cluster.kubelet.finish(NS, "shop-migrate-1", 0, "applied 3 migrations");
        installWith("shop", NS, List.of("--post-renderer", "hookwright")).orFail("helm install --post-renderer hookwright");
        Deployment deployment = deployment(NS, DEPLOYMENT);
        assertThat(deployment.getMetadata().getLabels()).containsEntry("hookwright.dev/migrations", "rendered");
        assertThat(deployment.getMetadata().getAnnotations()).as("ignored by the webhook").doesNotContainKey(JOB_RECORD)
                .doesNotContainKey(STATUS);
        assertThat(cluster.helm.run("status", "shop", "--namespace", NS).orFail("helm status").stdout())
                .contains("STATUS: deployed");

        cluster.kubelet.finish(NS, "shop-migrate-2", 1, "relation \"orders\" already exists");
        HelmCli.Result failed = installWith("shop", NS,
                List.of("--post-renderer", "hookwright", "--set", "image.tag=1.5.0"));
        assertThat(failed.exitCode()).as("helm upgrade fails on the failed hook:\n" + failed.stderr()).isNotZero();
        assertThat(failed.stderr()).contains("shop-migrate-2");
        assertThat(cluster.helm.run("status", "shop", "--namespace", NS).orFail("helm status").stdout())
                .contains("STATUS: failed");
    }
}
