package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 3. "My migration must run before new code serves (`when: pre`): the new pods stay unready
 * — the real Deployment status says so — until the migration succeeded, while the old pods keep
 * serving."
 */
class S3PreMigrationGateE2ETest extends Story {
    private static final String NS = "e2e-gate";
    private static final String RELEASE = "shop";
    private static final String DEPLOYMENT = "shop-server";
    private static final String GATE = "hookwright.dev/migrated";

    @Test
    void newPodsWaitForTheirMigrationWhileOldPodsServe() {
        install(RELEASE, NS, "hookwright.when=pre").orFail("helm install");
        Deployment deployment = deployment(NS, DEPLOYMENT);
        assertThat(deployment.getSpec().getTemplate().getSpec().getReadinessGates())
                .as("the webhook adds the readiness gate").anyMatch(g -> GATE.equals(g.getConditionType()));

        Await.until("two running pods of revision 1", WAIT, () -> runningPods("1.4.2").size() == 2);
        Await.never("a pod became ready before its migration ran", Duration.ofSeconds(8),
                () -> ready(status()) > 0 ? Optional.of("readyReplicas " + ready(status())) : Optional.empty());

        awaitJob(NS, "shop-migrate-1");
        finishMigration(NS, "shop-migrate-1", 0, "schema v1");
        Await.until("the Deployment to report 2 ready replicas once migrated (" + status() + ")", WAIT,
                () -> ready(status()) == 2 && available(status()) == 2);

        install(RELEASE, NS, "hookwright.when=pre", "image.tag=1.5.0").orFail("helm upgrade to 1.5.0");
        Await.until("a running pod of the new ReplicaSet", WAIT, () -> !runningPods("1.5.0").isEmpty());
        Await.never("the new code served before its migration, or the old pods stopped serving",
                Duration.ofSeconds(10), () -> {
                    DeploymentStatus s = status();
                    boolean newReady = runningPods("1.5.0").stream().anyMatch(S3PreMigrationGateE2ETest::podReady);
                    return newReady || ready(s) < 2 ? Optional.of("status " + s) : Optional.empty();
                });
        assertThat(runningPods("1.4.2")).as("old pods keep serving").hasSize(2).allMatch(S3PreMigrationGateE2ETest::podReady);

        awaitJob(NS, "shop-migrate-2");
        finishMigration(NS, "shop-migrate-2", 0, "schema v2");
        Await.until("the rollout to complete once revision 2 migrated (" + status() + ")", WAIT, () -> {
            DeploymentStatus s = status();
            return s != null && Integer.valueOf(2).equals(s.getUpdatedReplicas()) && ready(s) == 2
                    && Integer.valueOf(2).equals(s.getReplicas()) && runningPods("1.4.2").isEmpty();
        });
    }

    private static DeploymentStatus status() {
        Deployment d = deployment(NS, DEPLOYMENT);
        return d == null ? null : d.getStatus();
    }

    private static int ready(DeploymentStatus s) {
        return s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
    }

    private static int available(DeploymentStatus s) {
        return s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
    }

    /** Running, not terminating pods of the Deployment whose container runs image tag {@code tag}. */
    private static List<Pod> runningPods(String tag) {
        return kube.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(r -> "ReplicaSet".equals(r.getKind())))
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .filter(p -> p.getSpec().getContainers().get(0).getImage().endsWith(":" + tag)).toList();
    }

    private static boolean podReady(Pod pod) {
        return pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus()));
    }
}
