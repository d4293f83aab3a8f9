package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 1. "I `helm upgrade --install` my app with the opt-in label: the real API server has
 * hookwright patch my Deployment, the controller creates the migration Job, the Job controller
 * runs its pod, the outcome is recorded, the TTL controller removes the Job — and the migration
 * never runs again."
 */
class S1InstallRunsTheMigrationOnceE2ETest extends Story {
    private static final String NS = "e2e-install";
    private static final String RELEASE = "shop";
    private static final String DEPLOYMENT = "shop-server";
    private static final String JOB = "shop-migrate-1";

    @Test
    void installRunsTheMigrationOnceAndTheTtlControllerRemovesTheJob() {
        install(RELEASE, NS).orFail("helm upgrade --install");

        // The real API server called /mutate (objectSelector and CEL matchConditions matched) and
        // stored the patched object.
        Deployment deployment = deployment(NS, DEPLOYMENT);
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry(JOB_RECORD, JOB);

        Job job = awaitJob(NS, JOB);
        OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("Deployment");
        assertThat(owner.getUid()).isEqualTo(deployment.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "hookwright");
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(E2eCluster.JOB_TTL_SECONDS);
        // Checked at the end, so a missing finalizer does not hide what the rest of the lifecycle does.
        List<String> finalizersAtCreation = List.copyOf(job.getMetadata().getFinalizers());
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE + ":1.4.2");

        // Its pod is the real Job controller's.
        Pod pod = Await.until("the Job controller's pod", WAIT, () -> jobPods(NS, JOB).stream().findFirst());
        assertThat(pod.getMetadata().getOwnerReferences()).anyMatch(r -> "Job".equals(r.getKind())
                && job.getMetadata().getUid().equals(r.getUid()));
        awaitStatus(NS, DEPLOYMENT, JOB + " Running");

        finishMigration(NS, JOB, 0, "applied 3 migrations");
        awaitStatus(NS, DEPLOYMENT, JOB + " Succeeded");
        // The controller writes the record first and the Event after it: the Event may lag the record.
        Await.until("a MigrationSucceeded Event on Deployment " + NS + "/" + DEPLOYMENT, WAIT,
                () -> !events(NS, DEPLOYMENT, "MigrationSucceeded").isEmpty());

        // The real TTL controller deletes the finished Job; hookwright's finalizer must let it go.
        Await.until("the TTL controller to remove " + JOB + " (finalizers "
                + job(NS, JOB).map(j -> j.getMetadata().getFinalizers()).orElse(List.of()) + ")", WAIT,
                () -> job(NS, JOB).isEmpty());

        // Resyncs every 5 s: the recorded outcome is final, the Job is never made again.
        Await.never(JOB + " created again after the TTL removed it", Duration.ofSeconds(20),
                () -> job(NS, JOB).map(j -> "Job uid " + j.getMetadata().getUid()));
        assertThat(annotation(NS, DEPLOYMENT, STATUS)).isEqualTo(Optional.of(JOB + " Succeeded"));
        assertThat(history(NS, DEPLOYMENT)).as(HISTORY).containsExactly(JOB + " Succeeded");
        assertThat(finalizersAtCreation).as("controller-made Jobs carry the outcome finalizer").contains(FINALIZER);
    }
}
