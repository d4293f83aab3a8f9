package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.rollout.FirstPhase;
import dev.hookwright.core.rollout.PostDeployEvents;
import dev.hookwright.core.rollout.RolloutJudge;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static dev.hookwright.controller.Given.created;
import static dev.hookwright.controller.Given.event;
import static dev.hookwright.controller.Given.history;
import static dev.hookwright.controller.Given.historyWritten;
import static dev.hookwright.controller.Given.job;
import static dev.hookwright.controller.Given.migration;
import static dev.hookwright.controller.Given.plan;
import static dev.hookwright.controller.Given.reasons;
import static dev.hookwright.controller.Given.records;
import static dev.hookwright.controller.Given.stored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-deploy stage through the one decider: for every state of the rollout, whether the
 * contract Job starts, waits or is skipped for good, and that the seed follows it.
 */
class PostDeployStageTest {
    private static final String OTHER_JOB = "shop-migrate-other";

    /** Revision 2 of the Deployment, observed, with {@code replicas} wanted, the migration recorded {@code migrationStatus}. */
    private static DeploymentBuilder deployment(String image, int replicas) {
        DeploymentBuilder builder = Deployments.optedIn("shop", "shop-web", image)
                .editMetadata().withUid(Given.UID).withResourceVersion("7").withGeneration(4L)
                    .addToAnnotations(Keys.POST_DEPLOY_COMMAND, "[\"rake\",\"db:migrate\"]")
                    .addToAnnotations(RolloutJudge.REVISION, "2")
                .endMetadata()
                .editSpec().withReplicas(replicas).endSpec();
        String job = migration(builder.build());
        return builder.editMetadata().addToAnnotations(Keys.MIGRATION_JOB, job).endMetadata();
    }

    private static Deployment status(DeploymentBuilder builder, int replicas, int updated, int available, boolean deadline) {
        return builder.withNewStatus().withObservedGeneration(4L)
                .withReplicas(replicas).withUpdatedReplicas(updated).withAvailableReplicas(available)
                .addToConditions(deadline
                        ? new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet shop-web-bbb has timed out")
                                .withLastUpdateTime("2026-03-01T09:30:00Z").build()
                        : new DeploymentConditionBuilder().withType("Progressing").withStatus("True").build())
                .endStatus().build();
    }

    private static ReplicaSet rs(String hash, long revision, String job, int pods, String extraHistory) {
        ReplicaSetBuilder builder = new ReplicaSetBuilder()
                .withNewMetadata().withName("shop-web-" + hash).withNamespace("shop")
                    .withCreationTimestamp("2026-03-01T0" + revision + ":00:00Z")
                    .addToAnnotations(RolloutJudge.REVISION, Long.toString(revision))
                    .addToAnnotations(Keys.MIGRATION_JOB, job)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("shop-web")
                        .withUid(Given.UID).withController(true).endOwnerReference()
                .endMetadata()
                .withNewStatus().withReplicas(pods).endStatus();
        if (extraHistory != null) {
            builder.editMetadata().addToAnnotations(RolloutJudge.REVISION_HISTORY, extraHistory).endMetadata();
        }
        return builder.build();
    }

    private static String postDeploy(Deployment deployment) {
        return plan(deployment).postDeployJob().orElseThrow().getMetadata().getName();
    }

    /** The migration of this revision succeeded an hour ago (it is in the history). */
    private static Deployment migrated(Deployment deployment) {
        String job = migration(deployment);
        return new DeploymentBuilder(deployment).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, job + " Succeeded")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(job, "Succeeded"))
                .endMetadata().build();
    }

    /**
     * One row per rollout state, the migration of the revision having succeeded: what the
     * post-deploy record says after one reconcile, whether its Job is created, the Warning.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // state,        wanted, replicas, updated, available, deadline, current RS, old RS pods, record,  created, warning
            "progressing,    3,      4,        2,       2,         false,    ours,       2,           Waiting, false,   false",
            "old pods left,  3,      3,        3,       3,         false,    ours,       1,           Waiting, false,   false",
            "complete,       3,      3,        3,       3,         false,    ours,       0,           Pending, true,    false",
            "failed,         3,      3,        1,       1,         true,     ours,       2,           Skipped, false,   true",
            "superseded,     3,      3,        3,       3,         false,    newer,      0,           Skipped, false,   true",
            "rolled back,    3,      3,        3,       3,         false,    older,      0,           Skipped, false,   true",
            "scaled to zero, 0,      0,        0,       0,         false,    ours,       0,           Pending, true,    false",
            "scaling to zero, 0,     1,        0,       0,         false,    ours,       1,           Waiting, false,   false",
    })
    void startsOnlyOnceTheRolloutIsComplete(String state, int wanted, int replicas, int updated, int available,
            boolean deadline, String current, int oldPods, String record, boolean create, boolean warning) {
        DeploymentBuilder builder = deployment("shop:2", wanted);
        String job = migration(builder.build());
        List<ReplicaSet> sets = switch (current) {
            // Revision 2 is ours; revision 1 the previous one, still holding oldPods.
            case "ours" -> List.of(rs("aaa", 1, OTHER_JOB, oldPods, null), rs("bbb", 2, job, wanted, null));
            // Revision 3 replaced ours before it completed.
            case "newer" -> List.of(rs("bbb", 2, job, 0, null), rs("ccc", 3, OTHER_JOB, wanted, null));
            // Revision 1's ReplicaSet is current again as revision 3 (it was current before ours).
            case "older" -> List.of(rs("aaa", 3, OTHER_JOB, wanted, "1"), rs("bbb", 2, job, 0, null));
            default -> throw new IllegalArgumentException(current);
        };
        if (!"ours".equals(current)) {
            // The Deployment now records the revision the current ReplicaSet was made for.
            builder.editMetadata().addToAnnotations(Keys.MIGRATION_JOB, OTHER_JOB)
                    .addToAnnotations(RolloutJudge.REVISION, "3").endMetadata();
        }
        Deployment stored = migrated(status(builder, replicas, updated, available, deadline));
        String name = postDeploy(stored);

        List<Step> steps = stored(stored).replicaSets(sets.toArray(ReplicaSet[]::new)).decide();

        assertThat(records(steps, Stage.POST_DEPLOY)).as(state).containsExactly(name + " " + record);
        assertThat(created(steps)).as(state).isEqualTo(create ? List.of(name) : List.of());
        assertThat(reasons(steps).contains(PostDeployEvents.SKIPPED)).as(state).isEqualTo(warning);
        if (warning) {
            assertThat(event(steps, PostDeployEvents.SKIPPED).type()).isEqualTo(Step.EventType.Warning);
            assertThat(event(steps, PostDeployEvents.SKIPPED).note()).contains(name).contains("will not run");
            assertThat(historyWritten(steps).orElseThrow().find(name).orElseThrow().outcome()).isEqualTo(Phase.Skipped);
        }
        if (create) {
            Step.CreateJob createJob = steps.stream().filter(Step.CreateJob.class::isInstance).map(Step.CreateJob.class::cast)
                    .findFirst().orElseThrow();
            assertThat(createJob.stage()).isEqualTo(Stage.POST_DEPLOY);
            assertThat(createJob.job().getMetadata().getFinalizers()).containsExactly(Keys.OUTCOME_FINALIZER);
            assertThat(steps.indexOf(createJob)).as("intent before create").isGreaterThan(steps.indexOf(
                    steps.stream().filter(s -> s instanceof Step.Record r && r.stage() == Stage.POST_DEPLOY).findFirst()
                            .orElseThrow()));
        }
    }

    @Test
    void waitsForTheMigrationAndIsSkippedWhenItFailed() {
        DeploymentBuilder builder = deployment("shop:2", 3);
        String job = migration(builder.build());
        Deployment complete = status(builder, 3, 3, 3, false);
        ReplicaSet ours = rs("bbb", 2, job, 3, null);

        List<Step> running = stored(complete).jobs(Given.migrationJob(complete, "running")).replicaSets(ours).decide();
        assertThat(records(running, Stage.POST_DEPLOY)).containsExactly(postDeploy(complete) + " Waiting");
        assertThat(created(running)).isEmpty();

        List<Step> failed = stored(complete).jobs(Given.migrationJob(complete, "failed")).replicaSets(ours).decide();
        assertThat(records(failed, Stage.POST_DEPLOY)).containsExactly(postDeploy(complete) + " Skipped");
        assertThat(event(failed, PostDeployEvents.SKIPPED).note()).contains("migration " + job + " failed");
        assertThat(created(failed)).isEmpty();
    }

    @Test
    void startsInTheReconcileThatSeesTheMigrationSucceedWhenTheRolloutIsAlreadyComplete() {
        DeploymentBuilder builder = deployment("shop:2", 3);
        Deployment complete = status(builder, 3, 3, 3, false);
        ReplicaSet ours = rs("bbb", 2, migration(complete), 3, null);

        List<Step> steps = stored(complete).jobs(Given.migrationJob(complete, "succeeded")).replicaSets(ours).decide();

        assertThat(created(steps)).containsExactly(postDeploy(complete));
    }

    @Test
    void neverStartsTwiceNorAgainAfterItsOutcome() {
        DeploymentBuilder builder = deployment("shop:2", 3);
        Deployment complete = migrated(status(builder, 3, 3, 3, false));
        String name = postDeploy(complete);
        ReplicaSet ours = rs("bbb", 2, migration(complete), 3, null);
        var postDeployJob = job(complete, plan(complete).postDeployJob().orElseThrow(), "running");
        Deployment pending = new DeploymentBuilder(complete).editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_STATUS, name + " Pending").endMetadata().build();

        List<Step> whileRunning = stored(pending).jobs(postDeployJob).replicaSets(ours).decide();
        assertThat(created(whileRunning)).isEmpty();
        assertThat(records(whileRunning, Stage.POST_DEPLOY)).containsExactly(name + " Running");

        var succeeded = job(complete, plan(complete).postDeployJob().orElseThrow(), "succeeded");
        List<Step> ended = stored(pending).jobs(succeeded).replicaSets(ours).decide();
        assertThat(reasons(ended)).contains(PostDeployEvents.SUCCEEDED);
        assertThat(historyWritten(ended).orElseThrow().find(name).orElseThrow().outcome()).isEqualTo(Phase.Succeeded);
        assertThat(Given.released(ended)).containsExactly(name);

        // Gone after its TTL, its outcome in the history: never again for this revision.
        Deployment done = new DeploymentBuilder(complete).editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_STATUS, name + " Succeeded")
                .addToAnnotations(Keys.MIGRATION_HISTORY, historyWritten(ended).orElseThrow().toJson()).endMetadata().build();
        assertThat(stored(done).replicaSets(ours).decide()).isEmpty();
    }

    @Test
    void aPostDeployJobWaitingWhenTheDeploymentMovesOnIsSkippedOnceWithAWarning() {
        Deployment old = migrated(status(deployment("shop:2", 3), 3, 1, 1, false));
        String waiting = postDeploy(old);
        Deployment moved = new DeploymentBuilder(status(deployment("shop:3", 3), 3, 3, 3, false))
                .editMetadata().addToAnnotations(Keys.POST_DEPLOY_STATUS, waiting + " Waiting").endMetadata().build();
        String next = postDeploy(moved);
        assertThat(next).isNotEqualTo(waiting);

        List<Step> steps = stored(moved).decide();

        assertThat(event(steps, PostDeployEvents.SKIPPED).note()).contains(waiting).contains("superseded");
        assertThat(historyWritten(steps).orElseThrow().find(waiting).orElseThrow().outcome()).isEqualTo(Phase.Skipped);
        assertThat(records(steps, Stage.POST_DEPLOY)).containsExactly(next + " Waiting");
        assertThat(created(steps)).containsExactly(migration(moved));
        Deployment skippedOnce = new DeploymentBuilder(moved).editMetadata()
                .addToAnnotations(Keys.MIGRATION_HISTORY, historyWritten(steps).orElseThrow().toJson()).endMetadata().build();
        assertThat(reasons(stored(skippedOnce).decide())).doesNotContain(PostDeployEvents.SKIPPED);

        // Back to revision 1, whose migration ran before revision 2's: a rollback, said as such.
        Deployment back = new DeploymentBuilder(status(deployment("shop:1", 3), 3, 3, 3, false)).editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_STATUS, waiting + " Waiting")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(migration(old), "Succeeded",
                        migration(deployment("shop:1", 3).build()), "Succeeded"))
                .endMetadata().build();
        List<Step> rolledBack = stored(back).decide();
        assertThat(event(rolledBack, PostDeployEvents.SKIPPED).note()).contains(waiting).contains("rolled back");
    }

    @Test
    void theSeedFollowsThePostDeployJob() {
        DeploymentBuilder builder = deployment("shop:2", 3).editMetadata()
                .addToAnnotations(Keys.SEED_COMMAND, SeedStageTest.SEED_COMMAND).addToAnnotations(Keys.SEED_WHEN, "always")
                .endMetadata();
        Deployment progressing = migrated(status(builder, 3, 1, 1, false));
        String seed = Given.seed(progressing);
        String name = postDeploy(progressing);
        ReplicaSet ours = rs("bbb", 2, migration(progressing), 3, null);
        Deployment registered = new DeploymentBuilder(progressing).editMetadata()
                .addToAnnotations(Keys.SEED_STATUS, seed + " Waiting").endMetadata().build();

        List<Step> waiting = stored(registered).replicaSets(ours).decide();
        assertThat(created(waiting)).isEmpty();

        Deployment postDeployed = new DeploymentBuilder(registered).editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_STATUS, name + " Succeeded")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(name, "Succeeded", migration(registered), "Succeeded"))
                .endMetadata().build();
        List<Step> after = stored(postDeployed).replicaSets(ours).decide();
        assertThat(created(after)).containsExactly(seed);

        Deployment postDeployFailed = new DeploymentBuilder(registered).editMetadata()
                .addToAnnotations(Keys.POST_DEPLOY_STATUS, name + " Failed")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(name, "Failed", migration(registered), "Succeeded"))
                .endMetadata().build();
        List<Step> skipped = stored(postDeployFailed).replicaSets(ours).decide();
        assertThat(created(skipped)).isEmpty();
        assertThat(records(skipped, Stage.SEED)).containsExactly(seed + " Skipped");
        assertThat(event(skipped, Reasons.SEED_SKIPPED).note()).contains("post-deploy Job " + name + " failed");
    }

    @Test
    void theFirstPhaseIsReadWithTheControllersOwnParser() {
        Deployment deployment = status(deployment("shop:2", 3), 3, 3, 3, false);
        String job = migration(deployment);
        Deployment inHistory = new DeploymentBuilder(deployment).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, job + " Failed")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(job, "Succeeded")).endMetadata().build();
        assertThat(Stage.firstPhase(stored(inHistory).snapshot(), job, Optional.empty())).isEqualTo(new FirstPhase(
                FirstPhase.Outcome.SUCCEEDED, Optional.of(java.time.Instant.parse("2026-02-01T00:00:00Z"))));
        Deployment onlyRecorded = new DeploymentBuilder(deployment).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, job + " Skipped").endMetadata().build();
        assertThat(Stage.firstPhase(stored(onlyRecorded).snapshot(), job, Optional.empty()).outcome())
                .isEqualTo(FirstPhase.Outcome.SKIPPED);
        Deployment otherJob = new DeploymentBuilder(deployment).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, "shop-migrate-old Succeeded").endMetadata().build();
        assertThat(Stage.firstPhase(stored(otherJob).snapshot(), job, Optional.empty())).isEqualTo(FirstPhase.notFinished());
        assertThat(Stage.firstPhase(stored(deployment).snapshot(), job, Optional.of(Phase.Succeeded)))
                .isEqualTo(new FirstPhase(FirstPhase.Outcome.SUCCEEDED, Optional.of(Given.NOW)));
    }
}
