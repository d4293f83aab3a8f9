package dev.hookwright.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 7. "I `helm uninstall` my app while its migration is still running: nothing of it is
 * left." The real garbage collector removes the Job through its ownerReference to the Deployment
 * (hookwright's finalizer must not keep it), and the Job's pods with it.
 */
class S7UninstallE2ETest extends Story {
    private static final String NS = "e2e-uninstall";
    private static final String JOB = "shop-migrate-1";

    @Test
    void uninstallRemovesTheMigrationJobAndItsPods() {
        install("shop", NS).orFail("helm install");
        awaitJob(NS, JOB);
        Await.until("the migration pod to run", WAIT, () -> jobPods(NS, JOB).stream()
                .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));

        cluster.helm.run("uninstall", "shop", "--namespace", NS, "--timeout", "120s").orFail("helm uninstall");
        assertThat(deployment(NS, "shop-server")).isNull();
        Await.until("the garbage collector to remove " + JOB + " (finalizers "
                + job(NS, JOB).map(j -> j.getMetadata().getFinalizers()).orElse(java.util.List.of()) + ")", WAIT,
                () -> job(NS, JOB).isEmpty());
        Await.until("the Job's pods to be removed", WAIT, () -> jobPods(NS, JOB).isEmpty());
    }
}
