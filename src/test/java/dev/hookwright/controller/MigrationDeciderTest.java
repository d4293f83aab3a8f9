package dev.hookwright.controller;

import dev.hookwright.controller.Action.CreateJob;
import dev.hookwright.controller.Action.DeleteJob;
import dev.hookwright.controller.Action.Emit;
import dev.hookwright.controller.Action.MarkMigrated;
import dev.hookwright.controller.Action.RecordStatus;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine, one stored state at a time, without a server. */
class MigrationDeciderTest {
    private static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    private static final String UID = "0000-deploy-uid";

    private static DeploymentBuilder deployment(String image) {
        return Deployments.optedIn("shop", "shop-web", image).editMetadata().withUid(UID).withResourceVersion("7").endMetadata();
    }

    private static Deployment withStatus(DeploymentBuilder builder, String status) {
        return builder.editMetadata().addToAnnotations(Keys.MIGRATION_STATUS, status).endMetadata().build();
    }

    private static Plan.Planned plan(Deployment deployment) {
        return (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
    }

    /** The Job the controller would have created for this Deployment, in a given state. */
    private static Job ownedJob(Deployment deployment, String state) {
        Job job = new JobBuilder(DesiredJob.of(deployment, plan(deployment).job()))
                .editMetadata().withUid("job-uid").withResourceVersion("3").endMetadata().build();
        JobBuilder builder = new JobBuilder(job);
        return switch (state) {
            case "new" -> builder.build();
            case "running" -> builder.withNewStatus().withActive(1).withStartTime("2026-01-01T00:00:00Z").endStatus().build();
            case "succeeded" -> builder.withNewStatus().withSucceeded(1).withStartTime("2026-01-01T00:00:00Z")
                    .withCompletionTime("2026-01-01T00:00:42Z")
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build();
            case "failed" -> builder.withNewStatus().withFailed(1).withStartTime("2026-01-01T00:00:00Z")
                    .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                    .withMessage("Job has reached the specified backoff limit").endCondition().endStatus().build();
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static Snapshot snapshot(Deployment deployment, Optional<Job> sameName, List<Job> owned, List<Pod> jobPods,
            List<Pod> selected) {
        return new Snapshot(deployment, PLANNER.plan(deployment, Optional.empty()), sameName, owned, () -> jobPods,
                () -> selected);
    }

    private static Snapshot snapshot(Deployment deployment, Optional<Job> sameName, List<Job> owned) {
        return snapshot(deployment, sameName, owned, List.of(), List.of());
    }

    private static List<String> statuses(List<Action> actions) {
        return actions.stream().filter(RecordStatus.class::isInstance).map(a -> ((RecordStatus) a).status().toString()).toList();
    }

    private static List<String> reasons(List<Action> actions) {
        return actions.stream().filter(Emit.class::isInstance).map(a -> ((Emit) a).reason()).toList();
    }

    @Test
    void createsTheJobWithAControllerReferenceAndRecordsPending() {
        Deployment stored = deployment("shop:1").build();
        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()));

        assertThat(actions.get(0)).isInstanceOf(CreateJob.class);
        Job job = ((CreateJob) actions.get(0)).job();
        assertThat(job.getMetadata().getName()).isEqualTo(plan(stored).jobName());
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(UID);
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isNull();
        });
        assertThat(job.getSpec()).isEqualTo(plan(stored).job().getSpec());
        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Pending");
    }

    @Test
    void doesNothingOnceTheOutcomeIsRecordedEvenWhenTheJobIsGone() {
        Deployment plain = deployment("shop:1").build();
        for (String outcome : List.of("Succeeded", "Failed", "Skipped")) {
            Deployment stored = withStatus(deployment("shop:1"), plan(plain).jobName() + " " + outcome);
            assertThat(MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()))).as(outcome).isEmpty();
        }
    }

    @Test
    void waitsForARunningMigrationOfAnOlderRevisionAndNeverDeletesIt() {
        Deployment old = deployment("shop:1").build();
        Job running = ownedJob(old, "running");
        Deployment stored = withStatus(deployment("shop:2"), plan(old).jobName() + " Running");

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of(running)));

        assertThat(actions).noneMatch(a -> a instanceof CreateJob || a instanceof DeleteJob);
        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Waiting");
    }

    @Test
    void startsTheNextRevisionOnceTheOlderOneFinished() {
        Deployment old = deployment("shop:1").build();
        Deployment stored = withStatus(deployment("shop:2"), plan(old).jobName() + " Running");

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of(ownedJob(old, "succeeded"))));

        assertThat(actions).hasAtLeastOneElementOfType(CreateJob.class);
        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Pending");
    }

    @Test
    void recordsSuccessWithAnEventAndItsDuration() {
        Deployment stored = withStatus(deployment("shop:1"), plan(deployment("shop:1").build()).jobName() + " Running");
        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.of(ownedJob(stored, "succeeded")), List.of()));

        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Succeeded");
        assertThat(reasons(actions)).containsExactly(Reasons.SUCCEEDED);
        assertThat(actions).contains(new Action.Finished(Phase.Succeeded, Optional.of(java.time.Duration.ofSeconds(42))));
        assertThat(actions.get(0)).as("the record is written first").isInstanceOf(RecordStatus.class);
    }

    @Test
    void recordsFailureWithTheRedactedTerminationMessage() {
        Deployment stored = deployment("shop:1").build();
        Pod pod = new PodBuilder().withNewMetadata().withName("shop-migrate-x-abcde").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("migrate").withNewState().withNewTerminated()
                .withExitCode(1).withReason("Error").withMessage("connect postgres://app:hunter2@db:5432 refused")
                .endTerminated().endState().endContainerStatus().endStatus().build();

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.of(ownedJob(stored, "failed")), List.of(),
                List.of(pod), List.of()));

        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Failed");
        Emit failed = actions.stream().filter(Emit.class::isInstance).map(Emit.class::cast).findFirst().orElseThrow();
        assertThat(failed.reason()).isEqualTo(Reasons.FAILED);
        assertThat(failed.type()).isEqualTo(Action.EventType.Warning);
        assertThat(failed.note()).contains("BackoffLimitExceeded", "exited with code 1", "postgres://app:***@db:5432")
                .doesNotContain("hunter2");
    }

    @Test
    void reportsARunningJobOnce() {
        Deployment stored = deployment("shop:1").build();
        Job running = ownedJob(stored, "running");
        assertThat(statuses(MigrationDecider.decide(snapshot(stored, Optional.of(running), List.of(running)))))
                .containsExactly(plan(stored).jobName() + " Running");
        Deployment recorded = withStatus(deployment("shop:1"), plan(stored).jobName() + " Running");
        assertThat(MigrationDecider.decide(snapshot(recorded, Optional.of(running), List.of(running)))).isEmpty();
    }

    @Test
    void leavesAForeignJobOfTheSameNameAloneAndReportsTheConflict() {
        Deployment stored = deployment("shop:1").build();
        Job foreign = new JobBuilder(plan(stored).job()).editMetadata().withUid("someone-else").endMetadata().build();

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.of(foreign), List.of()));

        assertThat(actions).singleElement().isInstanceOfSatisfying(Emit.class, emit -> {
            assertThat(emit.reason()).isEqualTo(Reasons.CONFLICT);
            assertThat(emit.type()).isEqualTo(Action.EventType.Warning);
        });
    }

    @Test
    void replacesAJobThatHasNotStartedAndNoLongerMatches() {
        Deployment before = deployment("shop:1").build();
        Job pending = ownedJob(before, "new");
        Deployment changed = deployment("shop:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("LOG").withValue("debug").endEnv().endContainer().endSpec().endTemplate().endSpec().build();
        assertThat(plan(changed).jobName()).as("an env edit keeps the revision").isEqualTo(plan(before).jobName());

        List<Action> actions = MigrationDecider.decide(snapshot(changed, Optional.of(pending), List.of(pending)));

        assertThat(actions.get(0)).isEqualTo(new DeleteJob(pending.getMetadata().getName(), "job-uid", "3"));
        assertThat(actions.get(1)).isInstanceOf(CreateJob.class);
    }

    @Test
    void keepsAJobThatHasAPodEvenIfItsStatusDoesNotSaySoYet() {
        Deployment before = deployment("shop:1").build();
        Job pending = ownedJob(before, "new");
        Deployment changed = deployment("shop:1").editMetadata().addToAnnotations(Keys.BACKOFF_LIMIT, "2").endMetadata().build();
        Pod justCreated = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();

        List<Action> actions = MigrationDecider.decide(snapshot(changed, Optional.of(pending), List.of(pending),
                List.of(justCreated), List.of()));

        assertThat(actions).noneMatch(a -> a instanceof CreateJob || a instanceof DeleteJob);
    }

    @Test
    void keepsAMatchingJobThatHasNotStarted() {
        Deployment stored = withStatus(deployment("shop:1"), plan(deployment("shop:1").build()).jobName() + " Pending");
        Job pending = ownedJob(stored, "new");
        assertThat(MigrationDecider.decide(snapshot(stored, Optional.of(pending), List.of(pending)))).isEmpty();
    }

    @Test
    void countsARunningJobThatVanishedAsFailedInsteadOfRunningItAgain() {
        Deployment stored = withStatus(deployment("shop:1"), plan(deployment("shop:1").build()).jobName() + " Running");
        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()));
        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Failed");
    }

    @Test
    void createsAgainAJobThatVanishedBeforeItStarted() {
        Deployment stored = withStatus(deployment("shop:1"), plan(deployment("shop:1").build()).jobName() + " Pending");
        assertThat(MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()))).hasAtLeastOneElementOfType(CreateJob.class);
    }

    @Test
    void recordsSkippedWithoutAJob() {
        Deployment stored = deployment("shop:1").editMetadata().addToAnnotations(Keys.SKIP, "true").endMetadata().build();
        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()));
        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(statuses(actions)).containsExactly(plan(stored).jobName() + " Skipped");
    }

    @Test
    void recordsAStoredBadValueAsInvalidWithAWarningOnce() {
        Deployment stored = deployment("shop:1").editMetadata().addToAnnotations(Keys.BACKOFF_LIMIT, "99").endMetadata().build();
        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()));
        assertThat(statuses(actions)).containsExactly("- Invalid");
        assertThat(actions).filteredOn(Emit.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Emit) e).note()).contains(Keys.BACKOFF_LIMIT, "99"));

        Deployment recorded = withStatus(new DeploymentBuilder(stored), "- Invalid");
        assertThat(MigrationDecider.decide(snapshot(recorded, Optional.empty(), List.of()))).isEmpty();
    }

    @Test
    void doesNothingWithoutARelease() {
        Deployment stored = deployment("shop:1").editMetadata().removeFromAnnotations(Keys.HELM_RELEASE_NAME).endMetadata()
                .build();
        assertThat(MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()))).isEmpty();
    }

    @Test
    void releasesGatedPodsOfTheMigratedImageOnlyAfterSuccess() {
        Deployment stored = deployment("shop:2").editMetadata().addToAnnotations(Keys.WHEN, "pre").endMetadata().build();
        Pod current = Deployments.gatedPod(stored, "web-new", "shop:2");
        Pod older = Deployments.gatedPod(stored, "web-old", "shop:1");
        Job running = ownedJob(stored, "running");
        Job succeeded = ownedJob(stored, "succeeded");

        assertThat(MigrationDecider.decide(snapshot(stored, Optional.of(running), List.of(running), List.of(),
                List.of(current, older)))).noneMatch(MarkMigrated.class::isInstance);
        List<Action> afterSuccess = MigrationDecider.decide(snapshot(stored, Optional.of(succeeded), List.of(succeeded),
                List.of(), List.of(current, older)));
        assertThat(afterSuccess).filteredOn(MarkMigrated.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((MarkMigrated) a).pods()).extracting(p -> p.getMetadata().getName())
                        .containsExactly("web-new"));
    }

    @Test
    void ignoresADeploymentBeingDeleted() {
        Deployment stored = deployment("shop:1").editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
                .build();
        assertThat(MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of()))).isEmpty();
    }
}
