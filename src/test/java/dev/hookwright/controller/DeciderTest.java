package dev.hookwright.controller;

import dev.hookwright.controller.Step.CreateJob;
import dev.hookwright.controller.Step.DeleteJob;
import dev.hookwright.controller.Step.Emit;
import dev.hookwright.controller.Step.MarkMigrated;
import dev.hookwright.controller.Step.Record;
import dev.hookwright.controller.Step.ReleaseJob;
import dev.hookwright.controller.Step.WriteHistory;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.hookwright.controller.Given.annotated;
import static dev.hookwright.controller.Given.created;
import static dev.hookwright.controller.Given.deleted;
import static dev.hookwright.controller.Given.deleting;
import static dev.hookwright.controller.Given.event;
import static dev.hookwright.controller.Given.history;
import static dev.hookwright.controller.Given.historyWritten;
import static dev.hookwright.controller.Given.indexOf;
import static dev.hookwright.controller.Given.migration;
import static dev.hookwright.controller.Given.migrationJob;
import static dev.hookwright.controller.Given.plan;
import static dev.hookwright.controller.Given.reasons;
import static dev.hookwright.controller.Given.records;
import static dev.hookwright.controller.Given.released;
import static dev.hookwright.controller.Given.stored;
import static dev.hookwright.controller.Given.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** The decider, one stored state at a time, without a server: a row per promise of the migration stage. */
class DeciderTest {
    private static final String UID = Given.UID;

    private static DeploymentBuilder deployment(String image) {
        return Deployments.optedIn("shop", "shop-web", image).editMetadata().withUid(UID).withResourceVersion("7").endMetadata();
    }

    private static Deployment at(String image, String status, String history) {
        Deployment base = withStatus(deployment(image), status);
        return annotated(new DeploymentBuilder(base), Keys.MIGRATION_HISTORY, history);
    }

    private static String job(String image) {
        return migration(deployment(image).build());
    }

    // ---- 1. a run is on record before its Job exists, and a finished Job's outcome is never lost ----

    @Test
    void recordsTheIntentBeforeCreatingTheJobWhichCarriesTheOutcomeFinalizerAndAControllerReference() {
        Deployment stored = deployment("shop:1").build();
        List<Step> steps = stored(stored).decide();

        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Pending");
        assertThat(indexOf(steps, Record.class)).as("intent first").isLessThan(indexOf(steps, CreateJob.class));
        Job job = steps.stream().filter(CreateJob.class::isInstance).map(s -> ((CreateJob) s).job()).findFirst().orElseThrow();
        assertThat(job.getMetadata().getName()).isEqualTo(job("shop:1"));
        assertThat(job.getMetadata().getFinalizers()).containsExactly(Keys.OUTCOME_FINALIZER);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(UID);
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isNull();
        });
        assertThat(job.getSpec()).isEqualTo(plan(stored).job().getSpec());
    }

    @Test
    void recordsAFinishedJobInTheHistoryBeforeLettingItGoEvenWhenItsTtlAlreadyDeletedIt() {
        Deployment stored = at("shop:1", job("shop:1") + " Running", null);
        Job finishedAndDeleted = deleting(migrationJob(stored, "succeeded"));

        List<Step> steps = stored(stored).jobs(finishedAndDeleted).decide();

        assertThat(historyWritten(steps)).hasValueSatisfying(h -> assertThat(h.entries()).singleElement()
                .isEqualTo(new History.Entry(job("shop:1"), Phase.Succeeded, "2026-03-01T10:00:00Z")));
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Succeeded");
        assertThat(released(steps)).containsExactly(job("shop:1"));
        assertThat(indexOf(steps, WriteHistory.class)).isZero();
        assertThat(indexOf(steps, ReleaseJob.class)).isGreaterThan(indexOf(steps, Record.class));
        assertThat(reasons(steps)).containsExactly(Reasons.SUCCEEDED);
        assertThat(steps).contains(new Step.Finished(Phase.Succeeded, Optional.of(Duration.ofSeconds(42))));
        assertThat(created(steps)).isEmpty();
    }

    @Test
    void recordsAFailureWithTheRedactedTerminationMessage() {
        Deployment stored = deployment("shop:1").build();
        Pod pod = new PodBuilder().withNewMetadata().withName("shop-migrate-x-abcde").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("migrate").withNewState().withNewTerminated()
                .withExitCode(1).withReason("Error").withMessage("connect postgres://app:hunter2@db:5432 refused")
                .endTerminated().endState().endContainerStatus().endStatus().build();

        List<Step> steps = stored(stored).jobs(migrationJob(stored, "failed")).podsOf(job("shop:1"), pod).decide();

        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Failed");
        Emit failed = event(steps, Reasons.FAILED);
        assertThat(failed.type()).isEqualTo(Step.EventType.Warning);
        assertThat(failed.note()).contains("BackoffLimitExceeded", "exited with code 1", "postgres://app:***@db:5432")
                .doesNotContain("hunter2");
        assertThat(historyWritten(steps).orElseThrow().find(job("shop:1")).orElseThrow().outcome()).isEqualTo(Phase.Failed);
    }

    @Test
    void doesNothingOnceTheOutcomeIsRecordedAndTheJobIsGone() {
        for (String outcome : List.of("Succeeded", "Failed", "Skipped")) {
            Deployment stored = at("shop:1", job("shop:1") + " " + outcome, history(job("shop:1"), outcome));
            assertThat(stored(stored).decide()).as(outcome).isEmpty();
        }
    }

    @Test
    void announcesAnOutcomeWhoseReconcileStoppedBetweenTheHistoryAndTheRecordOnce() {
        // The history was written, the record write after it conflicted: no Event was written yet.
        Deployment broken = at("shop:1", job("shop:1") + " Running", history(job("shop:1"), "Succeeded"));
        Job finished = migrationJob(broken, "succeeded");
        List<Step> retry = stored(broken).jobs(finished).decide();
        assertThat(historyWritten(retry)).isEmpty();
        assertThat(records(retry, Stage.MIGRATION)).containsExactly(job("shop:1") + " Succeeded");
        assertThat(reasons(retry)).containsExactly(Reasons.SUCCEEDED);
        assertThat(indexOf(retry, Emit.class)).isGreaterThan(indexOf(retry, Record.class));

        Deployment recorded = at("shop:1", job("shop:1") + " Succeeded", history(job("shop:1"), "Succeeded"));
        assertThat(reasons(stored(recorded).jobs(migrationJob(recorded, "succeeded")).decide()))
                .as("once the record holds the outcome").isEmpty();
    }

    @Test
    void putsAnOutcomeRecordedBeforeTheHistoryExistedIntoItWithoutAnnouncingItAgain() {
        Deployment stored = at("shop:1", job("shop:1") + " Succeeded", null);
        List<Step> steps = stored(stored).jobs(migrationJob(stored, "succeeded")).decide();
        assertThat(historyWritten(steps)).isPresent();
        assertThat(reasons(steps)).isEmpty();
        assertThat(released(steps)).containsExactly(job("shop:1"));
    }

    @Test
    void createsAgainAJobWhoseIntentIsOnRecordButThatNeverAppearedWritingTheIntentAgainFirst() {
        Deployment stored = at("shop:1", job("shop:1") + " Pending", null);
        List<Step> steps = stored(stored).decide();
        assertThat(created(steps)).containsExactly(job("shop:1"));
        assertThat(records(steps, Stage.MIGRATION)).as("a conditional write that fences off a stale replica")
                .containsExactly(job("shop:1") + " Pending");
        assertThat(indexOf(steps, Record.class)).isLessThan(indexOf(steps, CreateJob.class));
    }

    @Test
    void countsARunningJobThatVanishedWithoutItsFinalizerAsFailedInsteadOfRunningItAgain() {
        Deployment stored = at("shop:1", job("shop:1") + " Running", null);
        List<Step> steps = stored(stored).decide();
        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Failed");
        assertThat(historyWritten(steps).orElseThrow().find(job("shop:1"))).isPresent();
    }

    // ---- 2. the record never goes backwards ----

    @ParameterizedTest
    @ValueSource(strings = {"running", "uncounted", "criteria-met", "failure-target", "terminating"})
    void theJobControllersInterimStatusesMeanRunningAndNeverPending(String state) {
        Deployment stored = at("shop:1", job("shop:1") + " Running", null);
        List<Step> steps = stored(stored).jobs(migrationJob(stored, state)).decide();
        assertThat(steps).as(state).isEmpty();

        Deployment pending = at("shop:1", job("shop:1") + " Pending", null);
        assertThat(records(stored(pending).jobs(migrationJob(pending, state)).decide(), Stage.MIGRATION))
                .containsExactly(job("shop:1") + " Running");
    }

    // ---- 3. a recorded revision never runs again, across rollbacks ----

    @Test
    void aRollbackToAMigratedRevisionIsRecordedAtOnceAndSaysSo() {
        String older = job("shop:1");
        String newer = job("shop:2");
        Deployment rolledBack = at("shop:1", newer + " Succeeded", history(newer, "Succeeded", older, "Succeeded"));

        List<Step> steps = stored(rolledBack).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(older + " Succeeded");
        assertThat(event(steps, Reasons.ALREADY_APPLIED).type()).isEqualTo(Step.EventType.Normal);
        Emit rolled = event(steps, Reasons.ROLLED_BACK);
        assertThat(rolled.type()).isEqualTo(Step.EventType.Warning);
        assertThat(rolled.note()).contains(older, newer, "schema may be ahead");
        assertThat(historyWritten(steps)).isEmpty();
    }

    @Test
    void aRevertToARevisionWhoseNewerSuccessorFailedIsAlreadyAppliedButNotRolledBack() {
        String older = job("shop:1");
        String newer = job("shop:2");
        Deployment reverted = at("shop:1", newer + " Failed", history(newer, "Failed", older, "Succeeded"));
        List<Step> steps = stored(reverted).decide();
        assertThat(reasons(steps)).containsExactly(Reasons.ALREADY_APPLIED);
        assertThat(created(steps)).isEmpty();
    }

    @Test
    void aRemovedRerunTokenBringsBackTheOldNameWhichIsFinal() {
        Deployment withToken = deployment("shop:1").editMetadata().addToAnnotations(Keys.RERUN, "again").endMetadata().build();
        String rerun = migration(withToken);
        String original = job("shop:1");
        assertThat(rerun).isNotEqualTo(original);
        Deployment tokenRemoved = at("shop:1", rerun + " Succeeded", history(rerun, "Succeeded", original, "Failed"));

        List<Step> steps = stored(tokenRemoved).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(original + " Failed");
    }

    @Test
    void anInvalidInterludeNeverMakesARecordedRevisionRunAgain() {
        Deployment fixed = at("shop:1", "- Invalid", history(job("shop:1"), "Succeeded"));
        List<Step> steps = stored(fixed).decide();
        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Succeeded");
    }

    @Test
    void theHistoryKeepsTheNewestTwentyOutcomes() {
        History history = History.empty();
        for (int i = 1; i <= 25; i++) {
            history = history.with(new History.Entry("shop-migrate-" + i, Phase.Succeeded, "t" + i));
        }
        assertThat(history.entries()).hasSize(History.CAP);
        assertThat(history.entries().get(0).job()).isEqualTo("shop-migrate-25");
        assertThat(history.find("shop-migrate-5")).isEmpty();
        assertThat(History.parse(history.toJson())).isEqualTo(history);
        assertThat(history.with(new History.Entry("shop-migrate-25", Phase.Failed, "later"))).as("written once")
                .isSameAs(history);
        assertThat(History.parse("not json")).isEqualTo(History.empty());
    }

    // ---- 4. only the newest revision's migration runs ----

    @Test
    void twoQuickUpgradesDeleteTheUnstartedJobOfTheFirstWithPreconditionsAndCreateTheNewest() {
        Deployment first = deployment("shop:1").build();
        Job unstarted = migrationJob(first, "new");
        Deployment second = at("shop:2", job("shop:1") + " Pending", null);

        List<Step> steps = stored(second).jobs(unstarted).decide();

        assertThat(steps).contains(new DeleteJob(job("shop:1"), job("shop:1") + "-uid", "3",
                "superseded by a newer revision before it started"));
        assertThat(released(steps)).containsExactly(job("shop:1"));
        assertThat(created(steps)).containsExactly(job("shop:2"));
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:2") + " Pending");
        assertThat(indexOf(steps, DeleteJob.class)).isLessThan(indexOf(steps, CreateJob.class));
    }

    @Test
    void aStartedJobOfAnOlderRevisionIsNeverDeletedAndTheNewestWaits() {
        Deployment first = deployment("shop:1").build();
        for (String state : List.of("running", "uncounted", "terminating")) {
            Deployment second = at("shop:2", job("shop:1") + " Running", null);
            List<Step> steps = stored(second).jobs(migrationJob(first, state)).decide();
            assertThat(deleted(steps)).as(state).isEmpty();
            assertThat(created(steps)).as(state).isEmpty();
            assertThat(records(steps, Stage.MIGRATION)).as(state).containsExactly(job("shop:2") + " Waiting");
        }
    }

    @Test
    void anUnstartedJobWithAPodIsTreatedAsStarted() {
        Deployment first = deployment("shop:1").build();
        Deployment second = at("shop:2", job("shop:1") + " Pending", null);
        Pod justCreated = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();
        List<Step> steps = stored(second).jobs(migrationJob(first, "new")).podsOf(job("shop:1"), justCreated).decide();
        assertThat(deleted(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:2") + " Waiting");
    }

    @Test
    void theOutcomeOfAnOlderRevisionThatFinishesWhileTheNewestWaitsIsRecordedAndTheNewestStarts() {
        Deployment first = deployment("shop:1").build();
        Deployment second = at("shop:2", job("shop:2") + " Waiting", null);

        List<Step> steps = stored(second).jobs(migrationJob(first, "succeeded")).decide();

        assertThat(historyWritten(steps).orElseThrow().find(job("shop:1")).orElseThrow().outcome()).isEqualTo(Phase.Succeeded);
        assertThat(reasons(steps)).containsExactly(Reasons.SUCCEEDED);
        assertThat(released(steps)).containsExactly(job("shop:1"));
        assertThat(created(steps)).containsExactly(job("shop:2"));
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:2") + " Pending");
    }

    @Test
    void anUnstartedJobOfARevisionLaterMarkedSkipIsDeletedAndRecordedSkipped() {
        Deployment before = deployment("shop:1").build();
        Deployment skipped = at("shop:1", job("shop:1") + " Pending", null);
        skipped = annotated(new DeploymentBuilder(skipped), Keys.SKIP, "true");

        List<Step> steps = stored(skipped).jobs(migrationJob(before, "new")).decide();

        assertThat(deleted(steps)).containsExactly(job("shop:1"));
        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).as("not before the delete went through: it may have started")
                .isEmpty();
        assertThat(historyWritten(steps)).isEmpty();

        List<Step> afterwards = stored(skipped).decide();
        assertThat(records(afterwards, Stage.MIGRATION)).containsExactly(job("shop:1") + " Skipped");
        assertThat(historyWritten(afterwards).orElseThrow().find(job("shop:1")).orElseThrow().outcome())
                .isEqualTo(Phase.Skipped);
    }

    @Test
    void aRunningJobOfARevisionLaterMarkedSkipRunsToItsEnd() {
        Deployment before = deployment("shop:1").build();
        Deployment skipped = annotated(new DeploymentBuilder(at("shop:1", job("shop:1") + " Running", null)), Keys.SKIP, "true");
        assertThat(stored(skipped).jobs(migrationJob(before, "running")).decide()).isEmpty();
    }

    @Test
    void replacesAnUnstartedJobThatNoLongerMatchesAndKeepsOneThatDoes() {
        Deployment before = deployment("shop:1").build();
        Job pending = migrationJob(before, "new");
        Deployment changed = withStatus(deployment("shop:1").editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("LOG").withValue("debug").endEnv().endContainer().endSpec().endTemplate().endSpec(),
                job("shop:1") + " Pending");
        assertThat(migration(changed)).as("an env edit keeps the revision").isEqualTo(job("shop:1"));

        List<Step> steps = stored(changed).jobs(pending).decide();

        assertThat(deleted(steps)).containsExactly(job("shop:1"));
        assertThat(released(steps)).containsExactly(job("shop:1"));
        assertThat(created(steps)).containsExactly(job("shop:1"));
        assertThat(indexOf(steps, ReleaseJob.class)).isLessThan(indexOf(steps, CreateJob.class));

        Deployment same = withStatus(deployment("shop:1"), job("shop:1") + " Pending");
        assertThat(stored(same).jobs(pending).decide()).isEmpty();
    }

    @Test
    void aJobBeingDeletedThatNeverRanIsLetGoAndOneThatRanIsHeldUntilItEnds() {
        Deployment stored = withStatus(deployment("shop:1"), job("shop:1") + " Running");
        assertThat(released(stored(stored).jobs(deleting(migrationJob(stored, "running"))).decide())).isEmpty();
        Deployment pending = withStatus(deployment("shop:1"), job("shop:1") + " Pending");
        assertThat(released(stored(pending).jobs(deleting(migrationJob(pending, "new"))).decide()))
                .containsExactly(job("shop:1"));
    }

    // ---- 5. the gate releases pods by what they run ----

    private static ReplicaSet replicaSet(String name, String migrationJob) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("shop").withUid(name + "-uid")
                .addToAnnotations(Keys.MIGRATION_JOB, migrationJob)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("shop-web").withUid(UID).withController(true).build())
                .endMetadata().build();
    }

    private static Pod podOf(Deployment deployment, String name, String image, String replicaSet) {
        return new PodBuilder(Deployments.gatedPod(deployment, name, image)).editMetadata()
                .addToLabels("pod-template-hash", replicaSet.substring(replicaSet.lastIndexOf('-') + 1))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName(replicaSet).withUid(replicaSet + "-uid").withController(true).build())
                .endMetadata().build();
    }

    @Test
    void releasesPodsOfEveryRevisionWhoseMigrationSucceededWhileTheNewestRuns() {
        Deployment pre = annotated(new DeploymentBuilder(at("shop:3", job("shop:3") + " Running",
                history(job("shop:2"), "Failed", job("shop:1"), "Succeeded"))), Keys.WHEN, "pre");
        Pod drainedOld = podOf(pre, "web-1-a", "shop:1", "shop-web-111");
        Pod failedRevision = podOf(pre, "web-2-a", "shop:2", "shop-web-222");
        Pod current = podOf(pre, "web-3-a", "shop:3", "shop-web-333");

        List<Step> steps = stored(pre).jobs(migrationJob(pre, "running"))
                .gated(drainedOld, failedRevision, current)
                .replicaSets(replicaSet("shop-web-111", job("shop:1")), replicaSet("shop-web-222", job("shop:2")),
                        replicaSet("shop-web-333", job("shop:3")))
                .decide();

        assertThat(steps).filteredOn(MarkMigrated.class::isInstance).singleElement()
                .satisfies(s -> assertThat(((MarkMigrated) s).pods()).extracting(p -> p.getMetadata().getName())
                        .containsExactly("web-1-a"));
    }

    @Test
    void releasesPodsOfTheCurrentRevisionInTheReconcileThatSeesItsMigrationSucceed() {
        Deployment pre = annotated(new DeploymentBuilder(at("shop:2", job("shop:2") + " Running", null)), Keys.WHEN, "pre");
        Pod current = podOf(pre, "web-2-a", "shop:2", "shop-web-222");
        List<Step> steps = stored(pre).jobs(migrationJob(pre, "succeeded")).gated(current)
                .replicaSets(replicaSet("shop-web-222", job("shop:2"))).decide();
        // Released after the outcome is recorded; only the durable message, the conflict-prone write, comes later.
        assertThat(indexOf(steps, MarkMigrated.class)).isGreaterThan(indexOf(steps, Step.Record.class));
        assertThat(steps.subList(indexOf(steps, MarkMigrated.class) + 1, steps.size()))
                .allMatch(Step.WriteMessage.class::isInstance);
    }

    @Test
    void findsTheReusedContainerByNameWhenAMeshProxyComesFirst() {
        Deployment pre = annotated(new DeploymentBuilder(at("shop:2", job("shop:2") + " Succeeded", null)), Keys.WHEN, "pre");
        Pod meshed = new PodBuilder(Deployments.gatedPod(pre, "web-meshed", "shop:2")).editSpec()
                .addNewContainer().withName("linkerd-proxy").withImage("cr.l5d.io/linkerd/proxy:stable").endContainer()
                .endSpec().build();
        meshed.getSpec().getContainers().add(0, meshed.getSpec().getContainers().remove(1));
        Pod other = Deployments.gatedPod(pre, "web-other", "shop:1");

        List<Step> steps = stored(pre).gated(meshed, other).decide();

        assertThat(steps).filteredOn(MarkMigrated.class::isInstance).singleElement()
                .satisfies(s -> assertThat(((MarkMigrated) s).pods()).extracting(p -> p.getMetadata().getName())
                        .containsExactly("web-meshed"));
    }

    @Test
    void releasesNothingWhileTheCurrentMigrationRuns() {
        Deployment pre = annotated(new DeploymentBuilder(at("shop:2", job("shop:2") + " Running", null)), Keys.WHEN, "pre");
        assertThat(stored(pre).jobs(migrationJob(pre, "running")).gated(Deployments.gatedPod(pre, "web", "shop:2"))
                .decide()).noneMatch(MarkMigrated.class::isInstance);
    }

    // ---- 7. a refused Job is visible ----

    @Test
    void aCreateCarriesWhatToRecordWhenTheApiRefusesIt() {
        Deployment stored = deployment("shop:1").build();
        CreateJob create = stored(stored).decide().stream().filter(CreateJob.class::isInstance).map(CreateJob.class::cast)
                .findFirst().orElseThrow();

        assertThat(create.rejected()).hasSize(2);
        assertThat(create.rejected().get(0)).isEqualTo(new Record(Stage.MIGRATION, new MigrationStatus(job("shop:1"), Phase.Failed)));
        assertThat(((Emit) create.rejected().get(1)).reason()).isEqualTo(Reasons.REJECTED);
        assertThat(create.rejected()).as("the history holds what ran").noneMatch(WriteHistory.class::isInstance);
    }

    @Test
    void aJobThatRanBeatsARecordedRefusalOfItsCreate() {
        Deployment refused = at("shop:1", job("shop:1") + " Failed", null);
        List<Step> steps = stored(refused).jobs(migrationJob(refused, "succeeded")).decide();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Succeeded");
        assertThat(historyWritten(steps).orElseThrow().find(job("shop:1")).orElseThrow().outcome()).isEqualTo(Phase.Succeeded);
        assertThat(stored(refused).decide()).as("refused and never made: not sent again").isEmpty();
    }

    // ---- the rest of the table ----

    @Test
    void leavesAForeignJobOfTheSameNameAloneAndReportsTheConflict() {
        Deployment stored = deployment("shop:1").build();
        Job foreign = new JobBuilder(plan(stored).job()).editMetadata().withUid("someone-else").endMetadata().build();

        assertThat(stored(stored).jobs(foreign).decide()).singleElement().isInstanceOfSatisfying(Emit.class, emit -> {
            assertThat(emit.reason()).isEqualTo(Reasons.CONFLICT);
            assertThat(emit.type()).isEqualTo(Step.EventType.Warning);
        });
    }

    @Test
    void recordsSkippedWithoutAJob() {
        Deployment stored = deployment("shop:1").editMetadata().addToAnnotations(Keys.SKIP, "true").endMetadata().build();
        List<Step> steps = stored(stored).decide();
        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(job("shop:1") + " Skipped");
    }

    @Test
    void recordsAStoredBadValueAsInvalidWithAWarningOnce() {
        Deployment stored = deployment("shop:1").editMetadata().addToAnnotations(Keys.BACKOFF_LIMIT, "99").endMetadata().build();
        List<Step> steps = stored(stored).decide();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly("- Invalid");
        assertThat(event(steps, Reasons.INVALID).note()).contains(Keys.BACKOFF_LIMIT, "99");
        assertThat(stored(withStatus(new DeploymentBuilder(stored), "- Invalid")).decide()).isEmpty();
    }

    @Test
    void keepsRecordingOutcomesWhileTheDeploymentIsInvalid() {
        Deployment running = deployment("shop:1").build();
        Deployment invalid = withStatus(deployment("shop:1").editMetadata().addToAnnotations(Keys.BACKOFF_LIMIT, "99")
                .endMetadata(), "- Invalid");
        List<Step> steps = stored(invalid).jobs(migrationJob(running, "succeeded")).decide();
        assertThat(historyWritten(steps)).isPresent();
        assertThat(released(steps)).containsExactly(job("shop:1"));
    }

    @Test
    void doesNothingWithoutARelease() {
        Deployment stored = deployment("shop:1").editMetadata().removeFromAnnotations(Keys.HELM_RELEASE_NAME).endMetadata()
                .build();
        assertThat(stored(stored).decide()).isEmpty();
    }

    @Test
    void aDeploymentBeingDeletedOnlyLetsItsGoingJobsGo() {
        Deployment live = deployment("shop:1").build();
        Deployment going = deployment("shop:1").editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
                .build();
        List<Step> steps = stored(going).jobs(deleting(migrationJob(live, "running"))).decide();
        assertThat(steps).containsExactly(new ReleaseJob(job("shop:1"), job("shop:1") + "-uid"));
        assertThat(stored(going).decide()).isEmpty();
    }

    @Test
    void theJobsOfADeploymentThatIsGoneAreLetGo() {
        Deployment gone = deployment("shop:1").build();
        Job held = migrationJob(gone, "running");
        Job notHeld = new JobBuilder(migrationJob(gone, "succeeded")).editMetadata().withName("other").withFinalizers(List.of())
                .endMetadata().build();
        assertThat(Decider.orphaned(List.of(held, notHeld))).containsExactly(new ReleaseJob(job("shop:1"), job("shop:1") + "-uid"));
    }

    @Test
    void decidingTwiceOnTheSameStateGivesTheSameSteps() {
        Deployment stored = at("shop:2", job("shop:1") + " Pending", null);
        Given given = stored(stored).jobs(migrationJob(deployment("shop:1").build(), "new"));
        assertThat(given.decide()).isEqualTo(given.decide());
    }
}
