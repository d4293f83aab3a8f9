package dev.hookwright.controller;

import dev.hookwright.core.inject.Plan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A queued Deployment is skipped only when every reason it was queued for is a version its last successful reconcile read. */
class SeenVersionsTest {
    private static final DeploymentKey KEY = new DeploymentKey("shop", "shop-web");

    private static Deployment deployment(String version) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName("shop-web").withResourceVersion(version)
                .endMetadata().build();
    }

    private static Job job(String name, String version) {
        return new JobBuilder().withNewMetadata().withNamespace("shop").withName(name).withResourceVersion(version)
                .endMetadata().build();
    }

    private static Optional<Snapshot> read(String deploymentVersion, Job... jobs) {
        Map<String, Job> byName = new java.util.HashMap<>();
        for (Job job : jobs) {
            byName.put(job.getMetadata().getName(), job);
        }
        return Optional.of(new Snapshot(deployment(deploymentVersion), new Plan.NotOptedIn(), byName, Map.of(), List.of(),
                Map.of(), Instant.EPOCH));
    }

    private static SeenVersions reconciledAt(String deploymentVersion, Job... jobs) {
        SeenVersions seen = new SeenVersions();
        seen.read(KEY, read(deploymentVersion, jobs));
        seen.succeeded(KEY);
        return seen;
    }

    @Test
    void skipsOnlyVersionsTheLastSuccessfulReconcileRead() {
        SeenVersions seen = reconciledAt("7", job("shop-migrate-1", "3"));

        seen.deployment(KEY, deployment("7"));
        seen.job(KEY, job("shop-migrate-1", "3"));
        assertThat(seen.worthReconciling(KEY)).as("the informer's initial list, already read").isFalse();

        seen.deployment(KEY, deployment("8"));
        assertThat(seen.worthReconciling(KEY)).as("a newer Deployment").isTrue();

        seen.deployment(KEY, deployment("7"));
        seen.job(KEY, job("shop-migrate-1", "4"));
        assertThat(seen.worthReconciling(KEY)).as("one reason of two is new").isTrue();

        seen.job(KEY, job("shop-migrate-2", "1"));
        assertThat(seen.worthReconciling(KEY)).as("a Job it did not read").isTrue();
    }

    @Test
    void aResyncADeletionAGatedPodOrARetryAlwaysRuns() {
        SeenVersions seen = reconciledAt("7");
        seen.deployment(KEY, deployment("7"));
        seen.mustRun(KEY);
        assertThat(seen.worthReconciling(KEY)).isTrue();
        assertThat(seen.worthReconciling(KEY)).as("queued with no reason recorded: a retry after backoff").isTrue();
    }

    @Test
    void aFailedReconcileOrANewTermForgetsWhatWasRead() {
        SeenVersions seen = reconciledAt("7");
        seen.read(KEY, read("7"));
        seen.failed(KEY);
        seen.deployment(KEY, deployment("7"));
        assertThat(seen.worthReconciling(KEY)).as("the reconcile that read it failed").isTrue();

        seen = reconciledAt("7");
        seen.clear();
        seen.deployment(KEY, deployment("7"));
        assertThat(seen.worthReconciling(KEY)).as("a new term of leadership").isTrue();

        seen = reconciledAt("7");
        seen.read(KEY, Optional.empty());
        seen.succeeded(KEY);
        seen.deployment(KEY, deployment("7"));
        assertThat(seen.worthReconciling(KEY)).as("found gone since").isTrue();
    }
}
