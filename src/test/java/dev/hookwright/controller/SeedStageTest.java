package dev.hookwright.controller;

import dev.hookwright.controller.Step.CreateJob;
import dev.hookwright.controller.Step.Emit;
import dev.hookwright.core.Keys;
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

import static dev.hookwright.controller.Given.created;
import static dev.hookwright.controller.Given.deleted;
import static dev.hookwright.controller.Given.event;
import static dev.hookwright.controller.Given.history;
import static dev.hookwright.controller.Given.historyWritten;
import static dev.hookwright.controller.Given.indexOf;
import static dev.hookwright.controller.Given.migration;
import static dev.hookwright.controller.Given.migrationJob;
import static dev.hookwright.controller.Given.plan;
import static dev.hookwright.controller.Given.reasons;
import static dev.hookwright.controller.Given.records;
import static dev.hookwright.controller.Given.seed;
import static dev.hookwright.controller.Given.seedJob;
import static dev.hookwright.controller.Given.stored;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed stage's rules through the same decider, one stored state at a time, without a server. */
class SeedStageTest {
    private static final String UID = Given.UID;
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

    private static Deployment withHistory(Deployment deployment, String history) {
        return new DeploymentBuilder(deployment).editMetadata().addToAnnotations(Keys.MIGRATION_HISTORY, history).endMetadata()
                .build();
    }

    private static final Deployment FIRST = seeded("shop:1", "install").build();

    @Test
    void registersTheSeedOfTheFirstRevisionBeforeRecordingItsMigrationAndStartsNoSeedYet() {
        List<Step> steps = stored(FIRST).decide();

        assertThat(created(steps)).containsExactly(migration(FIRST));
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Waiting");
        int seedRecord = steps.indexOf(steps.stream().filter(s -> s instanceof Step.Record r && r.stage() == Stage.SEED)
                .findFirst().orElseThrow());
        int migrationRecord = steps.indexOf(steps.stream()
                .filter(s -> s instanceof Step.Record r && r.stage() == Stage.MIGRATION).findFirst().orElseThrow());
        assertThat(seedRecord).as("the seed is registered before the migration's record").isLessThan(migrationRecord);
    }

    @Test
    void startsNoSeedWhileTheMigrationHasNotSucceeded() {
        for (String state : List.of("new", "running", "uncounted")) {
            Deployment waiting = recorded(seeded("shop:1", "install"), migration(FIRST) + " Pending", seed(FIRST) + " Waiting");
            List<Step> steps = stored(waiting).jobs(migrationJob(waiting, state)).decide();
            assertThat(created(steps)).as(state).isEmpty();
            assertThat(records(steps, Stage.SEED)).as(state).isEmpty();
        }
    }

    @Test
    void createsTheSeedJobWithAControllerReferenceOnceTheMigrationSucceeded() {
        Deployment waiting = withHistory(recorded(seeded("shop:1", "install"), migration(FIRST) + " Succeeded",
                seed(FIRST) + " Waiting"), history(migration(FIRST), "Succeeded"));

        List<Step> steps = stored(waiting).decide();

        CreateJob create = steps.stream().filter(CreateJob.class::isInstance).map(CreateJob.class::cast).findFirst().orElseThrow();
        assertThat(create.stage()).isEqualTo(Stage.SEED);
        assertThat(create.note()).contains(seed(FIRST), migration(FIRST));
        assertThat(create.name()).isEqualTo(seed(FIRST));
        assertThat(create.job().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(UID));
        assertThat(create.job().getMetadata().getFinalizers()).containsExactly(Keys.OUTCOME_FINALIZER);
        assertThat(DesiredJob.matches(create.job(), plan(FIRST).seedJob().orElseThrow())).isTrue();
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Pending");
    }

    @Test
    void startsTheSeedInTheSameReconcileThatSeesTheMigrationSucceed() {
        Deployment running = recorded(seeded("shop:1", "install"), migration(FIRST) + " Running", seed(FIRST) + " Waiting");

        List<Step> steps = stored(running).jobs(migrationJob(running, "succeeded")).decide();

        assertThat(created(steps)).containsExactly(seed(FIRST));
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Pending");
        assertThat(reasons(steps)).containsExactly(Reasons.SUCCEEDED);
        assertThat(Given.released(steps)).containsExactly(migration(FIRST));
    }

    @Test
    void skipsTheSeedWithAWarningWhenTheMigrationFailed() {
        Deployment waiting = recorded(seeded("shop:1", "install"), migration(FIRST) + " Failed", seed(FIRST) + " Waiting");

        List<Step> steps = stored(waiting).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Skipped");
        Emit skipped = event(steps, Reasons.SEED_SKIPPED);
        assertThat(skipped.type()).isEqualTo(Step.EventType.Warning);
        assertThat(skipped.note()).contains(seed(FIRST), migration(FIRST), "failed");
    }

    @Test
    void skipsTheSeedWithAWarningWhenTheMigrationIsSkipped() {
        Deployment stored = seeded("shop:1", "always").editMetadata().addToAnnotations(Keys.SKIP, "true").endMetadata().build();

        List<Step> steps = stored(stored).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(stored) + " Skipped");
        assertThat(event(steps, Reasons.SEED_SKIPPED).note()).contains(Keys.SKIP);
    }

    @Test
    void installSeedsOnlyTheFirstRevisionTheControllerRecords() {
        Deployment second = recorded(seeded("shop:2", "install"), migration(FIRST) + " Succeeded", seed(FIRST) + " Succeeded");
        Deployment firstWasInvalid = recorded(seeded("shop:2", "install"), "- Invalid", null);

        assertThat(Stage.registers(stored(FIRST).snapshot(), plan(FIRST), SeedSettings.When.INSTALL))
                .as("nothing recorded yet").isTrue();
        assertThat(Stage.registers(stored(firstWasInvalid).snapshot(), plan(firstWasInvalid), SeedSettings.When.INSTALL))
                .as("\"- Invalid\" names no revision").isTrue();
        List<Step> steps = stored(second).decide();
        assertThat(created(steps)).containsExactly(migration(second));
        assertThat(records(steps, Stage.SEED)).as("the second revision gets its migration, not a seed").isEmpty();
    }

    @Test
    void installRemembersThroughTheHistoryThatAnInvalidInterludeCameAfterAMigratedRevision() {
        Deployment invalidAfterMigrations = withHistory(recorded(seeded("shop:2", "install"), "- Invalid", null),
                history(migration(FIRST), "Succeeded"));
        assertThat(Stage.registers(stored(invalidAfterMigrations).snapshot(), plan(invalidAfterMigrations),
                SeedSettings.When.INSTALL)).isFalse();
    }

    @Test
    void installDoesNotCountARevisionWhoseRecordWasLostAsFirstWhileASeedIsRecorded() {
        Deployment lostRecord = recorded(seeded("shop:2", "install"), null, seed(FIRST) + " Succeeded");
        assertThat(Stage.registers(stored(lostRecord).snapshot(), plan(lostRecord), SeedSettings.When.INSTALL)).isFalse();
    }

    @Test
    void alwaysSeedsEveryRevision() {
        Deployment first = seeded("shop:1", "always").build();
        Deployment second = recorded(seeded("shop:2", "always"), migration(first) + " Succeeded", seed(first) + " Succeeded");

        List<Step> steps = stored(second).decide();

        assertThat(seed(second)).isNotEqualTo(seed(first));
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(second) + " Waiting");
    }

    @Test
    void givesNoSeedToARevisionWhoseMigrationEndedBeforeTheSeedWasAskedFor() {
        Deployment plain = seeded("shop:1", "always").build();
        Deployment migrated = withHistory(recorded(seeded("shop:1", "always"), migration(plain) + " Succeeded", null),
                history(migration(plain), "Succeeded"));
        assertThat(stored(migrated).decide()).isEmpty();
    }

    @Test
    void carriesAnInstallSeedThatNeverStartedOnToTheNextRevision() {
        Deployment second = recorded(seeded("shop:2", "install"), migration(FIRST) + " Running", seed(FIRST) + " Waiting");

        List<Step> steps = stored(second).jobs(migrationJob(FIRST, "running")).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(second) + " Waiting");
    }

    @Test
    void reportsTheSeedRunningThenSucceededWithItsDuration() {
        Deployment pending = withHistory(recorded(seeded("shop:1", "install"), migration(FIRST) + " Succeeded",
                seed(FIRST) + " Pending"), history(migration(FIRST), "Succeeded"));

        assertThat(records(stored(pending).jobs(seedJob(pending, "running")).decide(), Stage.SEED))
                .containsExactly(seed(FIRST) + " Running");
        List<Step> done = stored(pending).jobs(seedJob(pending, "succeeded")).decide();
        assertThat(records(done, Stage.SEED)).containsExactly(seed(FIRST) + " Succeeded");
        assertThat(event(done, Reasons.SEED_SUCCEEDED).note()).contains(seed(FIRST), "in 42s");
        assertThat(done).noneMatch(Step.Finished.class::isInstance);
        assertThat(historyWritten(done).orElseThrow().find(seed(FIRST))).isPresent();
    }

    @Test
    void reportsASeedFailureWithTheRedactedTerminationMessage() {
        Deployment running = recorded(seeded("shop:1", "install"), migration(FIRST) + " Succeeded", seed(FIRST) + " Running");
        Pod pod = new PodBuilder().withNewMetadata().withName(seed(FIRST) + "-abcde").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("seed").withNewState().withNewTerminated()
                .withExitCode(3).withReason("Error").withMessage("insert failed: token=s3cr3t duplicate key")
                .endTerminated().endState().endContainerStatus().endStatus().build();

        List<Step> steps = stored(running).jobs(seedJob(running, "failed")).podsOf(seed(FIRST), pod).decide();

        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Failed");
        Emit failed = event(steps, Reasons.SEED_FAILED);
        assertThat(failed.type()).isEqualTo(Step.EventType.Warning);
        assertThat(failed.note()).contains(seed(FIRST), "BackoffLimitExceeded", "exited with code 3", "duplicate key")
                .doesNotContain("s3cr3t");
    }

    @Test
    void neverRunsAFinishedSeedAgainEvenWhenItsJobIsGone() {
        Deployment plain = seeded("shop:1", "always").build();
        for (String outcome : List.of("Succeeded", "Failed", "Skipped")) {
            Deployment done = withHistory(recorded(seeded("shop:1", "always"), migration(plain) + " Succeeded",
                    seed(plain) + " " + outcome), history(seed(plain), outcome, migration(plain), "Succeeded"));
            assertThat(stored(done).decide()).as(outcome).isEmpty();
        }
    }

    @Test
    void countsARunningSeedThatVanishedAsFailedInsteadOfRunningItAgain() {
        Deployment running = withHistory(recorded(seeded("shop:1", "install"), migration(FIRST) + " Succeeded",
                seed(FIRST) + " Running"), history(migration(FIRST), "Succeeded"));

        List<Step> steps = stored(running).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.SEED)).containsExactly(seed(FIRST) + " Failed");
        assertThat(reasons(steps)).containsExactly(Reasons.SEED_FAILED);
    }

    @Test
    void leavesAForeignJobWithTheSeedsNameAloneAndReportsTheConflict() {
        Deployment waiting = withHistory(recorded(seeded("shop:1", "install"), migration(FIRST) + " Succeeded",
                seed(FIRST) + " Waiting"), history(migration(FIRST), "Succeeded"));
        Job foreign = new JobBuilder(plan(FIRST).seedJob().orElseThrow()).editMetadata().withUid("someone-else").endMetadata()
                .build();

        assertThat(stored(waiting).jobs(foreign).decide()).singleElement().isInstanceOfSatisfying(Emit.class, emit -> {
            assertThat(emit.reason()).isEqualTo(Reasons.CONFLICT);
            assertThat(emit.note()).contains("seed Job " + seed(FIRST));
        });
    }

    @Test
    void replacesASeedJobThatHasNotStartedAndNoLongerMatches() {
        Job pending = seedJob(FIRST, "new");
        Deployment changed = withHistory(recorded(seeded("shop:1", "install").editSpec().editTemplate().editSpec()
                        .editFirstContainer().addNewEnv().withName("LOG").withValue("debug").endEnv().endContainer().endSpec()
                        .endTemplate().endSpec(), migration(FIRST) + " Succeeded", seed(FIRST) + " Pending"),
                history(migration(FIRST), "Succeeded"));
        assertThat(seed(changed)).isEqualTo(seed(FIRST));

        List<Step> steps = stored(changed).jobs(pending).decide();

        assertThat(deleted(steps)).containsExactly(seed(FIRST));
        assertThat(steps).filteredOn(CreateJob.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((CreateJob) c).stage()).isEqualTo(Stage.SEED));
        assertThat(records(steps, Stage.SEED)).as("the unchanged intent, written again before the create")
                .containsExactly(seed(FIRST) + " Pending");
        assertThat(indexOf(steps, Step.DeleteJob.class)).isLessThan(indexOf(steps, CreateJob.class));
    }

    @Test
    void waitsForAnotherRunningJobOfTheDeploymentBeforeStartingTheSeed() {
        Deployment older = seeded("shop:0", "always").build();
        Deployment stored = seeded("shop:1", "always").build();
        Deployment waiting = withHistory(recorded(seeded("shop:1", "always"), migration(stored) + " Succeeded",
                seed(stored) + " Waiting"), history(migration(stored), "Succeeded"));

        assertThat(stored(waiting).jobs(seedJob(older, "running")).decide()).isEmpty();
    }

    @Test
    void theNextRevisionsMigrationWaitsWhileASeedJobOfTheDeploymentRuns() {
        Deployment first = seeded("shop:1", "always").build();
        Deployment second = recorded(seeded("shop:2", "always"), migration(first) + " Succeeded", seed(first) + " Running");

        List<Step> steps = stored(second).jobs(seedJob(first, "running")).decide();

        assertThat(created(steps)).isEmpty();
        assertThat(records(steps, Stage.MIGRATION)).containsExactly(migration(second) + " Waiting");
    }

    @Test
    void doesNothingForADeploymentWithoutASeed() {
        Deployment plain = Deployments.optedIn("shop", "shop-web", "shop:1").editMetadata().withUid(UID).endMetadata().build();
        assertThat(records(stored(plain).decide(), Stage.SEED)).isEmpty();
    }

    @Test
    void aSeedNameInTheHistoryIsFinalAcrossARollback() {
        Deployment first = seeded("shop:1", "always").build();
        Deployment back = withHistory(recorded(seeded("shop:1", "always"), migration(seeded("shop:2", "always").build())
                + " Succeeded", null), history(migration(first), "Succeeded", seed(first), "Succeeded"));
        List<Step> steps = stored(back).decide();
        assertThat(created(steps)).isEmpty();
    }

    @Test
    void aJobIsTheStageItsComponentLabelSays() {
        assertThat(Stage.of(seedJob(FIRST, "new"))).isEqualTo(Stage.SEED);
        assertThat(Stage.of(migrationJob(FIRST, "new"))).isEqualTo(Stage.MIGRATION);
        assertThat(Stage.ofName("my-seed-app-migrate-1")).isEqualTo(Stage.MIGRATION);
        assertThat(Stage.ofName("shop-seed-1")).isEqualTo(Stage.SEED);
    }
}
