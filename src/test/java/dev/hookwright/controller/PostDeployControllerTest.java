package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.rollout.PostDeployEvents;
import dev.hookwright.core.rollout.RolloutJudge;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-deploy Job with the running controller against fabric8's mock API server, the test
 * playing the Deployment controller (revision annotations, the ReplicaSet carrying the migration
 * Job's name, status updates) and the Job controller: the Job never starts before the rollout is
 * complete, never twice, never after a failed rollout.
 */
@QuarkusTest
@TestProfile(ControllerOn.class)
@WithKubernetesTestServer(crud = true)
class PostDeployControllerTest extends RunningControllerTest {
    private static final int REPLICAS = 3;

    /** A Deployment asking for a post-deploy Job, as the webhook and the Deployment controller leave it: revision 1. */
    private Deployment storeTwoPhase() {
        Deployment planned = Deployments.optedIn(namespace, "shop-web", "shop:2").editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_COMMAND, "[\"rake\",\"db:migrate\"]").endMetadata()
                .editSpec().withReplicas(REPLICAS).endSpec().build();
        String job = migrationOf(planned);
        planned.getMetadata().getAnnotations().put(Keys.MIGRATION_JOB, job);
        planned.getMetadata().getAnnotations().put(RolloutJudge.REVISION, "1");
        Deployment stored = cluster.store(planned);
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("shop-web-aaa").withNamespace(namespace)
                    .addToLabels("app", "shop-web")
                    .addToAnnotations(RolloutJudge.REVISION, "1").addToAnnotations(Keys.MIGRATION_JOB, job)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("shop-web")
                        .withUid(stored.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withReplicas(REPLICAS).withNewSelector().addToMatchLabels("app", "shop-web").endSelector()
                .endSpec()
                .build()).create();
        rollout(REPLICAS, 0, 0, Optional.empty());
        return stored;
    }

    private String postDeployOf(Deployment deployment) {
        return planOf(deployment).postDeployJob().orElseThrow().getMetadata().getName();
    }

    /** The Deployment controller's status write (retried on a conflict with the controller's record writes). */
    private void rollout(int replicas, int updated, int available, Optional<Instant> deadlineExceededAt) {
        cluster.deploymentStatus(namespace, "shop-web", d -> new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(updated).withAvailableReplicas(available)
                .addToConditions(deadlineExceededAt.isPresent()
                        ? new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"shop-web-aaa\" has timed out progressing.")
                                .withLastUpdateTime(deadlineExceededAt.get().toString()).build()
                        : new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                .withReason("ReplicaSetUpdated").build())
                .build());
    }

    private Optional<String> postDeployStatus(Deployment deployment) {
        return Optional.ofNullable(cluster.deployment(deployment).getMetadata().getAnnotations())
                .map(a -> a.get(Keys.POST_DEPLOY_STATUS));
    }

    private void awaitPostDeployStatus(Deployment deployment, String expected) {
        Eventually.until("post-deploy-status \"" + expected + "\" (now " + postDeployStatus(deployment).orElse("none") + ")",
                () -> postDeployStatus(deployment).filter(expected::equals).isPresent());
    }

    @Test
    void startsThePostDeployJobOnlyOnceTheRolloutIsCompleteAndOnlyOnce() {
        Deployment stored = storeTwoPhase();
        String postDeploy = postDeployOf(stored);
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.succeed(migration);
        cluster.awaitStatus(stored, migration.getMetadata().getName() + " Succeeded");
        awaitPostDeployStatus(stored, postDeploy + " Waiting");

        double before = cluster.reconciles(namespace);
        rollout(REPLICAS + 1, 2, 1, Optional.empty());
        cluster.awaitReconcileAfter(namespace, before);
        before = cluster.reconciles(namespace);
        rollout(REPLICAS, REPLICAS, REPLICAS - 1, Optional.empty());
        cluster.awaitReconcileAfter(namespace, before);
        Eventually.holdsFor("no post-deploy Job while the rollout progresses", Duration.ofMillis(500),
                () -> cluster.job(namespace, postDeploy).isEmpty());

        rollout(REPLICAS, REPLICAS, REPLICAS, Optional.empty());
        Job job = cluster.awaitJob(namespace, postDeploy);
        assertThat(job.getMetadata().getLabels()).containsEntry(Keys.COMPONENT, Keys.COMPONENT_POST_DEPLOY);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName()).contains("postdeploy");
        assertThat(job.getMetadata().getFinalizers()).containsExactly(Keys.OUTCOME_FINALIZER);
        awaitPostDeployStatus(stored, postDeploy + " Pending");
        assertThat(cluster.awaitEvent(stored, PostDeployEvents.JOB_CREATED).getMessage()).contains(postDeploy);

        // More status writes of the Deployment controller while it runs: never a second create.
        cluster.run(job);
        awaitPostDeployStatus(stored, postDeploy + " Running");
        before = cluster.reconciles(namespace);
        rollout(REPLICAS + 1, REPLICAS, REPLICAS, Optional.empty());
        cluster.awaitReconcileAfter(namespace, before);
        cluster.succeed(job);
        awaitPostDeployStatus(stored, postDeploy + " Succeeded");
        assertThat(cluster.awaitEvent(stored, PostDeployEvents.SUCCEEDED).getType()).isEqualTo("Normal");
        Eventually.until("the finalizer is released", () -> cluster.job(namespace, postDeploy)
                .map(j -> j.getMetadata().getFinalizers() == null || j.getMetadata().getFinalizers().isEmpty()).orElse(true));
        assertThat(cluster.events(stored, PostDeployEvents.JOB_CREATED)).as("created once").hasSize(1);
        assertThat(cluster.events(stored, Reasons.JOB_CREATED)).as("one migration Job").hasSize(1);
    }

    @Test
    void neverStartsThePostDeployJobAfterAFailedRollout() {
        Deployment stored = storeTwoPhase();
        String postDeploy = postDeployOf(stored);
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.succeed(migration);
        awaitPostDeployStatus(stored, postDeploy + " Waiting");

        rollout(REPLICAS + 1, 1, 0, Optional.of(Instant.now().plusSeconds(60)));
        awaitPostDeployStatus(stored, postDeploy + " Skipped");
        Event skipped = cluster.awaitEvent(stored, PostDeployEvents.SKIPPED);
        assertThat(skipped.getType()).isEqualTo("Warning");
        assertThat(skipped.getMessage()).contains(postDeploy, "ProgressDeadlineExceeded");

        // The rollout recovers later: this revision's contract phase still never runs.
        double before = cluster.reconciles(namespace);
        rollout(REPLICAS, REPLICAS, REPLICAS, Optional.empty());
        cluster.awaitReconcileAfter(namespace, before);
        Eventually.holdsFor("no post-deploy Job after a failed rollout", Duration.ofMillis(500),
                () -> cluster.job(namespace, postDeploy).isEmpty());
        assertThat(postDeployStatus(stored)).contains(postDeploy + " Skipped");
    }
}
