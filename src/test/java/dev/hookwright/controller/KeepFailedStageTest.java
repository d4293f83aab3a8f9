package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.hookwright.controller.Given.deleted;
import static dev.hookwright.controller.Given.history;
import static dev.hookwright.controller.Given.indexOf;
import static dev.hookwright.controller.Given.migration;
import static dev.hookwright.controller.Given.migrationJob;
import static dev.hookwright.controller.Given.released;
import static org.assertj.core.api.Assertions.assertThat;

/** Failed Jobs kept for inspection, and the durable outcome message, through the one decider. */
class KeepFailedStageTest {
    private static final Deployment STORED = Deployments.optedIn("shop", "shop-web", "shop:1")
            .editMetadata().withUid(Given.UID).withResourceVersion("7").endMetadata().build();

    private static List<Step> decide(Deployment deployment, Duration keepFailed, Job... jobs) {
        Snapshot given = Given.stored(deployment).jobs(jobs).snapshot();
        return Decider.decide(new Snapshot(given.deployment(), given.plan(), given.jobs(), given.jobPods(), given.gatedPods(),
                given.replicaSets(), given.now(), keepFailed));
    }

    private static List<String> kept(List<Step> steps) {
        return steps.stream().filter(Step.KeepJob.class::isInstance).map(s -> ((Step.KeepJob) s).name()).toList();
    }

    private static Optional<String> message(List<Step> steps) {
        return steps.stream().filter(Step.WriteMessage.class::isInstance).map(s -> ((Step.WriteMessage) s).message())
                .findFirst();
    }

    /** A failed Job whose TTL hookwright already removed, failed at {@code at}. */
    private static Job keptSince(Deployment deployment, String at) {
        Job failed = migrationJob(deployment, "failed");
        return new JobBuilder(failed).editSpec().withTtlSecondsAfterFinished(null).endSpec()
                .editStatus().editFirstCondition().withLastTransitionTime(at).endCondition().endStatus().build();
    }

    @Test
    void aFailedJobLosesItsTtlBeforeItsFinalizerAndItsMessageIsRecorded() {
        Job failed = migrationJob(STORED, "failed");
        assertThat(failed.getSpec().getTtlSecondsAfterFinished()).as("the synthesizer sets a TTL").isNotNull();

        List<Step> steps = decide(STORED, Snapshot.DEFAULT_KEEP_FAILED, failed);

        assertThat(kept(steps)).containsExactly(migration(STORED));
        assertThat(released(steps)).containsExactly(migration(STORED));
        assertThat(indexOf(steps, Step.KeepJob.class)).as("TTL removed before the finalizer goes")
                .isLessThan(indexOf(steps, Step.ReleaseJob.class));
        assertThat(message(steps)).hasValueSatisfying(text -> assertThat(text).contains("BackoffLimitExceeded"));
        assertThat(indexOf(steps, Step.WriteMessage.class)).as("written with the record")
                .isGreaterThan(indexOf(steps, Step.Record.class));
    }

    @Test
    void keepFailedZeroKeepsTheTtlAndSuccessfulJobsKeepTheirs() {
        assertThat(kept(decide(STORED, Duration.ZERO, migrationJob(STORED, "failed")))).isEmpty();
        List<Step> succeeded = decide(STORED, Snapshot.DEFAULT_KEEP_FAILED, migrationJob(STORED, "succeeded"));
        assertThat(kept(succeeded)).isEmpty();
        assertThat(message(succeeded)).hasValueSatisfying(text -> assertThat(text).contains("succeeded in 42s"));
    }

    @Test
    void aKeptFailedJobIsDeletedAfterKeepFailedOrOnceANewerMigrationSucceeded() {
        String name = migration(STORED);
        Deployment recorded = new DeploymentBuilder(STORED).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, name + " Failed")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(name, "Failed")).endMetadata().build();
        // Given.NOW is 2026-03-01T10:00:00Z.
        assertThat(deleted(decide(recorded, Duration.ofHours(24), keptSince(recorded, "2026-03-01T09:00:00Z")))).isEmpty();
        assertThat(deleted(decide(recorded, Duration.ofHours(24), keptSince(recorded, "2026-02-28T09:00:00Z"))))
                .containsExactly(name);
        assertThat(deleted(decide(recorded, Duration.ofMinutes(30), keptSince(recorded, "2026-03-01T09:00:00Z"))))
                .containsExactly(name);

        Deployment fixed = new DeploymentBuilder(Deployments.optedIn("shop", "shop-web", "shop:2")
                .editMetadata().withUid(Given.UID).withResourceVersion("9").endMetadata().build()).build();
        String newer = migration(fixed);
        Deployment migrated = new DeploymentBuilder(fixed).editMetadata()
                .addToAnnotations(Keys.MIGRATION_STATUS, newer + " Succeeded")
                .addToAnnotations(Keys.MIGRATION_HISTORY, history(newer, "Succeeded", name, "Failed")).endMetadata().build();
        assertThat(deleted(decide(migrated, Duration.ofHours(24), keptSince(STORED, "2026-03-01T09:00:00Z"))))
                .containsExactly(name);
    }

    @Test
    void theSameMessageIsNotWrittenTwice() {
        List<Step> first = decide(STORED, Snapshot.DEFAULT_KEEP_FAILED, migrationJob(STORED, "succeeded"));
        String text = message(first).orElseThrow();
        // Outcome announced, but not yet in the history (a failed history write): the message is already there.
        Deployment again = new DeploymentBuilder(STORED).editMetadata()
                .addToAnnotations(Keys.MIGRATION_MESSAGE, Redactor.redact(text)).endMetadata().build();
        assertThat(message(decide(again, Snapshot.DEFAULT_KEEP_FAILED, migrationJob(STORED, "succeeded")))).isEmpty();
    }
}
