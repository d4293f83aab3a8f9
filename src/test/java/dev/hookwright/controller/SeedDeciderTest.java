package dev.hookwright.controller;

import dev.hookwright.controller.Action.CreateJob;
import dev.hookwright.controller.Action.Emit;
import dev.hookwright.controller.Action.RecordSeedStatus;
import dev.hookwright.controller.Action.RecordStatus;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.core.settings.SeedSettings;
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

/** The seed's rules, one stored state at a time, without a server. */
class SeedDeciderTest {
    private static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    private static final String UID = "0000-deploy-uid";
    static final String SEED_COMMAND = "[\"node\",\"db/seed.mjs\"]";

    private static DeploymentBuilder seeded(String image, String when) {
        return Deployments.optedIn("shop", "shop-web", image)
                .editMetadata().withUid(UID).withResourceVersion("7")
                    .addToAnnotations(Keys.SEED_COMMAND, SEED_COMMAND).addToAnnotations(Keys.SEED_WHEN, when)
                .endMetadata();
    }

    private static Deployment recorded(DeploymentBuilder builder, String migrationStatus, String seedStatus) {
        if (migrationStatus != null) {
            builder.editMetadata().addToAnnotations(Keys.MIGRATION_STATUS, migrationStatus).endMetadata();
        }
        if (seedStatus != null) {
            builder.editMetadata().addToAnnotations(Keys.SEED_STATUS, seedStatus).endMetadata();
        }
        return builder.build();
    }

    private static Plan.Planned plan(Deployment deployment) {
        return (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
    }

    private static String migration(Deployment deployment) {
        return plan(deployment).jobName();
    }

    private static String seed(Deployment deployment) {
        return plan(deployment).seedJob().orElseThrow().getMetadata().getName();
    }

    /** A Job the controller created from the synthesized one, in a given state. */
    private static Job owned(Deployment deployment, Job synthesized, String state) {
        JobBuilder builder = new JobBuilder(DesiredJob.of(deployment, synthesized))
                .editMetadata().withUid(synthesized.getMetadata().getName() + "-uid").withResourceVersion("3").endMetadata();
        return switch (state) {
            case "new" -> builder.build();
            case "running" -> builder.withNewStatus().withActive(1).endStatus().build();
            case "succeeded" -> builder.withNewStatus().withSucceeded(1).withStartTime("2026-01-01T00:00:00Z")
                    .withCompletionTime("2026-01-01T00:00:05Z")
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build();
            case "failed" -> builder.withNewStatus().withFailed(1)
                    .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").endCondition()
                    .endStatus().build();
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static Job ownedSeed(Deployment deployment, String state) {
        return owned(deployment, plan(deployment).seedJob().orElseThrow(), state);
    }

    private static Job ownedMigration(Deployment deployment, String state) {
        return owned(deployment, plan(deployment).job(), state);
    }

    private static Snapshot snapshot(Deployment deployment, Optional<Job> migrationJob, List<Job> owned,
            Optional<Job> seedJob, List<Pod> seedPods) {
        return new Snapshot(deployment, PLANNER.plan(deployment, Optional.empty()), migrationJob, owned, List::of, List::of,
                seedJob, () -> seedPods);
    }

    private static List<Action> seedStep(Deployment deployment, Phase migration, Optional<Job> seedJob, List<Job> owned) {
        return SeedDecider.decide(snapshot(deployment, Optional.empty(), owned, seedJob, List.of()), plan(deployment),
                migration);
    }

    private static List<String> seedStatuses(List<Action> actions) {
        return actions.stream().filter(RecordSeedStatus.class::isInstance)
                .map(a -> ((RecordSeedStatus) a).status().toString()).toList();
    }

    private static List<String> reasons(List<Action> actions) {
        return actions.stream().filter(Emit.class::isInstance).map(a -> ((Emit) a).reason()).toList();
    }

    private static Emit event(List<Action> actions, String reason) {
        return actions.stream().filter(Emit.class::isInstance).map(Emit.class::cast).filter(e -> reason.equals(e.reason()))
                .findFirst().orElseThrow();
    }

    @Test
    void registersTheSeedOfTheFirstRevisionBeforeRecordingItsMigrationAndStartsNoSeedYet() {
        Deployment stored = seeded("shop:1", "install").build();

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of(), Optional.empty(),
                List.of()));

        assertThat(actions).filteredOn(CreateJob.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((CreateJob) a).job().getMetadata().getName()).isEqualTo(migration(stored)));
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Waiting");
        int seedRecord = actions.indexOf(actions.stream().filter(RecordSeedStatus.class::isInstance).findFirst().orElseThrow());
        int migrationRecord = actions.indexOf(actions.stream().filter(RecordStatus.class::isInstance).findFirst().orElseThrow());
        assertThat(seedRecord).as("the seed is registered before the migration's record").isLessThan(migrationRecord);
    }

    @Test
    void startsNoSeedWhileTheMigrationHasNotSucceeded() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        for (Phase migration : List.of(Phase.Pending, Phase.Running, Phase.Waiting)) {
            Deployment waiting = recorded(seeded("shop:1", "install"), migration(stored) + " " + migration,
                    seed(stored) + " Waiting");
            assertThat(seedStep(waiting, migration, Optional.empty(), List.of())).as(migration.name()).isEmpty();
        }
    }

    @Test
    void createsTheSeedJobWithAControllerReferenceOnceTheMigrationSucceeded() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment waiting = recorded(seeded("shop:1", "install"), migration(stored) + " Succeeded", seed(stored) + " Waiting");

        List<Action> actions = seedStep(waiting, Phase.Succeeded, Optional.empty(), List.of(ownedMigration(waiting, "succeeded")));

        CreateJob create = (CreateJob) actions.get(0);
        assertThat(create.reason()).isEqualTo(Reasons.SEED_JOB_CREATED);
        assertThat(create.isMigration()).isFalse();
        assertThat(create.note()).contains(seed(stored), migration(stored));
        assertThat(create.job().getMetadata().getName()).isEqualTo(seed(stored));
        assertThat(create.job().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(UID));
        assertThat(DesiredJob.matches(create.job(), plan(stored).seedJob().orElseThrow())).isTrue();
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Pending");
    }

    @Test
    void startsTheSeedInTheSameReconcileThatSeesTheMigrationSucceed() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment running = recorded(seeded("shop:1", "install"), migration(stored) + " Running", seed(stored) + " Waiting");
        Job succeeded = ownedMigration(running, "succeeded");

        List<Action> actions = MigrationDecider.decide(snapshot(running, Optional.of(succeeded), List.of(succeeded),
                Optional.empty(), List.of()));

        assertThat(actions).filteredOn(CreateJob.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((CreateJob) a).job().getMetadata().getName()).isEqualTo(seed(stored)));
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Pending");
        assertThat(reasons(actions)).containsExactly(Reasons.SUCCEEDED);
    }

    @Test
    void skipsTheSeedWithAWarningWhenTheMigrationFailed() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment waiting = recorded(seeded("shop:1", "install"), migration(stored) + " Failed", seed(stored) + " Waiting");

        List<Action> actions = seedStep(waiting, Phase.Failed, Optional.empty(), List.of());

        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Skipped");
        Emit skipped = event(actions, Reasons.SEED_SKIPPED);
        assertThat(skipped.type()).isEqualTo(Action.EventType.Warning);
        assertThat(skipped.note()).contains(seed(stored), migration(stored), "failed");
    }

    @Test
    void skipsTheSeedWithAWarningWhenTheMigrationIsSkipped() {
        Deployment stored = seeded("shop:1", "always").editMetadata().addToAnnotations(Keys.SKIP, "true").endMetadata().build();

        List<Action> actions = MigrationDecider.decide(snapshot(stored, Optional.empty(), List.of(), Optional.empty(),
                List.of()));

        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Skipped");
        assertThat(event(actions, Reasons.SEED_SKIPPED).note()).contains(Keys.SKIP);
    }

    @Test
    void installSeedsOnlyTheFirstRevisionTheControllerRecords() {
        Deployment first = seeded("shop:1", "install").build();
        Deployment second = recorded(seeded("shop:2", "install"), migration(first) + " Succeeded", seed(first) + " Succeeded");
        Deployment firstWasInvalid = recorded(seeded("shop:2", "install"), "- Invalid", null);

        assertThat(SeedDecider.registers(snapshot(first, Optional.empty(), List.of(), Optional.empty(), List.of()),
                plan(first), SeedSettings.When.INSTALL)).as("nothing recorded yet").isTrue();
        assertThat(SeedDecider.registers(snapshot(firstWasInvalid, Optional.empty(), List.of(), Optional.empty(), List.of()),
                plan(firstWasInvalid), SeedSettings.When.INSTALL)).as("\"- Invalid\" names no revision").isTrue();
        List<Action> actions = MigrationDecider.decide(snapshot(second, Optional.empty(), List.of(), Optional.empty(),
                List.of()));
        assertThat(actions).filteredOn(CreateJob.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((CreateJob) a).job().getMetadata().getName()).isEqualTo(migration(second)));
        assertThat(seedStatuses(actions)).as("the second revision gets its migration, not a seed").isEmpty();
    }

    @Test
    void installDoesNotCountARevisionWhoseRecordWasLostAsFirstWhileASeedIsRecorded() {
        Deployment first = seeded("shop:1", "install").build();
        Deployment lostRecord = recorded(seeded("shop:2", "install"), null, seed(first) + " Succeeded");
        assertThat(SeedDecider.registers(snapshot(lostRecord, Optional.empty(), List.of(), Optional.empty(), List.of()),
                plan(lostRecord), SeedSettings.When.INSTALL)).isFalse();
    }

    @Test
    void alwaysSeedsEveryRevision() {
        Deployment first = seeded("shop:1", "always").build();
        Deployment second = recorded(seeded("shop:2", "always"), migration(first) + " Succeeded", seed(first) + " Succeeded");

        List<Action> actions = MigrationDecider.decide(snapshot(second, Optional.empty(), List.of(), Optional.empty(),
                List.of()));

        assertThat(seed(second)).isNotEqualTo(seed(first));
        assertThat(seedStatuses(actions)).containsExactly(seed(second) + " Waiting");
    }

    @Test
    void givesNoSeedToARevisionWhoseMigrationEndedBeforeTheSeedWasAskedFor() {
        Deployment plain = seeded("shop:1", "always").build();
        Deployment migrated = recorded(seeded("shop:1", "always"), migration(plain) + " Succeeded", null);
        assertThat(MigrationDecider.decide(snapshot(migrated, Optional.empty(), List.of(), Optional.empty(), List.of())))
                .isEmpty();
    }

    @Test
    void carriesAnInstallSeedThatNeverStartedOnToTheNextRevision() {
        Deployment first = seeded("shop:1", "install").build();
        Deployment second = recorded(seeded("shop:2", "install"), migration(first) + " Running", seed(first) + " Waiting");
        Job running = ownedMigration(first, "running");

        List<Action> actions = MigrationDecider.decide(snapshot(second, Optional.empty(), List.of(running), Optional.empty(),
                List.of()));

        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(seedStatuses(actions)).containsExactly(seed(second) + " Waiting");
    }

    @Test
    void reportsTheSeedRunningThenSucceededWithItsDuration() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment pending = recorded(seeded("shop:1", "install"), migration(stored) + " Succeeded", seed(stored) + " Pending");

        assertThat(seedStatuses(seedStep(pending, Phase.Succeeded, Optional.of(ownedSeed(pending, "running")), List.of())))
                .containsExactly(seed(stored) + " Running");
        List<Action> done = seedStep(pending, Phase.Succeeded, Optional.of(ownedSeed(pending, "succeeded")), List.of());
        assertThat(seedStatuses(done)).containsExactly(seed(stored) + " Succeeded");
        assertThat(event(done, Reasons.SEED_SUCCEEDED).note()).contains(seed(stored), "in 5s");
    }

    @Test
    void reportsASeedFailureWithTheRedactedTerminationMessage() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment running = recorded(seeded("shop:1", "install"), migration(stored) + " Succeeded", seed(stored) + " Running");
        Pod pod = new PodBuilder().withNewMetadata().withName(seed(stored) + "-abcde").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("seed").withNewState().withNewTerminated()
                .withExitCode(3).withReason("Error").withMessage("insert failed: token=s3cr3t duplicate key")
                .endTerminated().endState().endContainerStatus().endStatus().build();

        List<Action> actions = SeedDecider.decide(snapshot(running, Optional.empty(), List.of(),
                Optional.of(ownedSeed(running, "failed")), List.of(pod)), plan(running), Phase.Succeeded);

        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Failed");
        Emit failed = event(actions, Reasons.SEED_FAILED);
        assertThat(failed.type()).isEqualTo(Action.EventType.Warning);
        assertThat(failed.note()).contains(seed(stored), "BackoffLimitExceeded", "exited with code 3", "duplicate key")
                .doesNotContain("s3cr3t");
    }

    @Test
    void neverRunsAFinishedSeedAgainEvenWhenItsJobIsGone() {
        Deployment stored = recorded(seeded("shop:1", "always"), null, null);
        for (String outcome : List.of("Succeeded", "Failed", "Skipped")) {
            Deployment done = recorded(seeded("shop:1", "always"), migration(stored) + " Succeeded", seed(stored) + " " + outcome);
            assertThat(MigrationDecider.decide(snapshot(done, Optional.empty(), List.of(), Optional.empty(), List.of())))
                    .as(outcome).isEmpty();
        }
    }

    @Test
    void countsARunningSeedThatVanishedAsFailedInsteadOfRunningItAgain() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment running = recorded(seeded("shop:1", "install"), migration(stored) + " Succeeded", seed(stored) + " Running");

        List<Action> actions = seedStep(running, Phase.Succeeded, Optional.empty(), List.of());

        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(seedStatuses(actions)).containsExactly(seed(stored) + " Failed");
        assertThat(reasons(actions)).containsExactly(Reasons.SEED_FAILED);
    }

    @Test
    void leavesAForeignJobWithTheSeedsNameAloneAndReportsTheConflict() {
        Deployment stored = recorded(seeded("shop:1", "install"), null, null);
        Deployment waiting = recorded(seeded("shop:1", "install"), migration(stored) + " Succeeded", seed(stored) + " Waiting");
        Job foreign = new JobBuilder(plan(stored).seedJob().orElseThrow()).editMetadata().withUid("someone-else").endMetadata()
                .build();

        List<Action> actions = seedStep(waiting, Phase.Succeeded, Optional.of(foreign), List.of());

        assertThat(actions).singleElement().isInstanceOfSatisfying(Emit.class, emit -> {
            assertThat(emit.reason()).isEqualTo(Reasons.CONFLICT);
            assertThat(emit.note()).contains("seed Job " + seed(stored));
        });
    }

    @Test
    void replacesASeedJobThatHasNotStartedAndNoLongerMatches() {
        Deployment before = recorded(seeded("shop:1", "install"), null, null);
        Job pending = ownedSeed(before, "new");
        Deployment changed = recorded(seeded("shop:1", "install").editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("LOG").withValue("debug").endEnv().endContainer().endSpec().endTemplate().endSpec(),
                migration(before) + " Succeeded", seed(before) + " Pending");
        assertThat(seed(changed)).isEqualTo(seed(before));

        List<Action> actions = seedStep(changed, Phase.Succeeded, Optional.of(pending), List.of(pending));

        assertThat(actions.get(0)).isEqualTo(new Action.DeleteJob(seed(before), seed(before) + "-uid", "3"));
        assertThat(actions.get(1)).isInstanceOfSatisfying(CreateJob.class,
                c -> assertThat(c.reason()).isEqualTo(Reasons.SEED_JOB_CREATED));
        assertThat(seedStatuses(actions)).isEmpty();
    }

    @Test
    void waitsForAnotherRunningJobOfTheDeploymentBeforeStartingTheSeed() {
        Deployment older = seeded("shop:0", "always").build();
        Deployment stored = recorded(seeded("shop:1", "always"), null, null);
        Deployment waiting = recorded(seeded("shop:1", "always"), migration(stored) + " Succeeded", seed(stored) + " Waiting");

        List<Action> actions = seedStep(waiting, Phase.Succeeded, Optional.empty(), List.of(ownedSeed(older, "running")));

        assertThat(actions).isEmpty();
    }

    @Test
    void theNextRevisionsMigrationWaitsWhileASeedJobOfTheDeploymentRuns() {
        Deployment first = seeded("shop:1", "always").build();
        Deployment second = recorded(seeded("shop:2", "always"), migration(first) + " Succeeded", seed(first) + " Running");

        List<Action> actions = MigrationDecider.decide(snapshot(second, Optional.empty(), List.of(ownedSeed(first, "running")),
                Optional.empty(), List.of()));

        assertThat(actions).noneMatch(CreateJob.class::isInstance);
        assertThat(actions).filteredOn(RecordStatus.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((RecordStatus) a).status().toString()).isEqualTo(migration(second) + " Waiting"));
    }

    @Test
    void doesNothingForADeploymentWithoutASeed() {
        Deployment plain = Deployments.optedIn("shop", "shop-web", "shop:1").editMetadata().withUid(UID).endMetadata().build();
        assertThat(SeedDecider.decide(snapshot(plain, Optional.empty(), List.of(), Optional.empty(), List.of()), plan(plain),
                Phase.Succeeded)).isEmpty();
    }
}
