package dev.hookwright.controller;

import dev.hookwright.core.Deletion;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.Plan;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the decider sees of one Deployment, read before it decides: it makes no API call.
 *
 * @param deployment  the stored Deployment, read live
 * @param plan        the planner's answer for it
 * @param jobs        by name: the Jobs labelled as this Deployment's, plus any Job (whoever owns it) named as a
 *                    Job the current revision asks for
 * @param jobPods     by Job name: the pods of the Jobs whose pods matter (failed and not yet in the history, or not
 *                    started); a Job absent here has none that matter
 * @param gatedPods   the pods the Deployment's selector selects that carry the {@code pre} readiness gate, lack its
 *                    condition and are not being deleted (read only when the template carries the gate)
 * @param replicaSets by name: the Deployment's ReplicaSets (read only when a pod waits at the gate)
 * @param now         the reconcile's clock, for the history's times
 * @param keepFailed  how long a failed Job of this Deployment is kept without its TTL for inspection
 *                    ({@code hookwright.migration.keep-failed}); zero: its TTL stays as set
 */
public record Snapshot(
        Deployment deployment,
        Plan plan,
        Map<String, Job> jobs,
        Map<String, List<Pod>> jobPods,
        List<Pod> gatedPods,
        Map<String, ReplicaSet> replicaSets,
        Instant now,
        Duration keepFailed) {
    /** The shipped {@code hookwright.migration.keep-failed}: a failed migration is there to read the next morning. */
    public static final Duration DEFAULT_KEEP_FAILED = Duration.ofHours(24);

    public Snapshot(Deployment deployment, Plan plan, Map<String, Job> jobs, Map<String, List<Pod>> jobPods,
            List<Pod> gatedPods, Map<String, ReplicaSet> replicaSets, Instant now) {
        this(deployment, plan, jobs, jobPods, gatedPods, replicaSets, now, DEFAULT_KEEP_FAILED);
    }

    public Snapshot {
        jobs = Map.copyOf(jobs);
        jobPods = Map.copyOf(jobPods);
        gatedPods = List.copyOf(gatedPods);
        replicaSets = Map.copyOf(replicaSets);
    }

    public DeploymentKey key() {
        return DeploymentKey.of(deployment);
    }

    public Optional<MigrationStatus> record(Stage stage) {
        return MigrationStatus.parse(annotation(stage.statusKey()));
    }

    public History history() {
        return History.parse(annotation(Keys.MIGRATION_HISTORY));
    }

    /** {@code hookwright.dev/migration-message}: the last outcome's message as written. */
    public Optional<String> message() {
        return Optional.ofNullable(annotation(Keys.MIGRATION_MESSAGE));
    }

    public String uid() {
        return deployment.getMetadata().getUid();
    }

    public boolean isBeingDeleted() {
        return Deletion.isBeingDeleted(deployment);
    }

    public List<Pod> podsOf(String jobName) {
        return jobPods.getOrDefault(jobName, List.of());
    }

    private String annotation(String key) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
