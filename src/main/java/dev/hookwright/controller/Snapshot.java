package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.Plan;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the decider sees of one Deployment, read from the API server. Pods are read only when
 * the decision needs them, hence the suppliers.
 *
 * @param deployment      the stored Deployment
 * @param plan            the planner's answer for it
 * @param sameNameJob     the Job named as the current revision's Job, whoever owns it
 * @param ownedJobs       the other Jobs this Deployment controls (any revision)
 * @param jobPods         the pods of {@code sameNameJob}
 * @param selectedPods    the pods the Deployment's selector selects
 * @param sameNameSeedJob the Job named as the current revision's seed Job, whoever owns it (empty when no seed is asked for)
 * @param seedJobPods     the pods of {@code sameNameSeedJob}
 */
public record Snapshot(
        Deployment deployment,
        Plan plan,
        Optional<Job> sameNameJob,
        List<Job> ownedJobs,
        Supplier<List<Pod>> jobPods,
        Supplier<List<Pod>> selectedPods,
        Optional<Job> sameNameSeedJob,
        Supplier<List<Pod>> seedJobPods) {

    /** A Deployment whose seed Job does not exist (or is not asked for). */
    public Snapshot(Deployment deployment, Plan plan, Optional<Job> sameNameJob, List<Job> ownedJobs,
            Supplier<List<Pod>> jobPods, Supplier<List<Pod>> selectedPods) {
        this(deployment, plan, sameNameJob, ownedJobs, jobPods, selectedPods, Optional.empty(), List::of);
    }

    public Optional<MigrationStatus> recorded() {
        return MigrationStatus.parse(annotation(Keys.MIGRATION_STATUS));
    }

    /** {@code hookwright.dev/seed-status}, in the same {@code <job name> <phase>} form. */
    public Optional<MigrationStatus> recordedSeed() {
        return MigrationStatus.parse(annotation(Keys.SEED_STATUS));
    }

    public String uid() {
        return deployment.getMetadata().getUid();
    }

    public boolean isBeingDeleted() {
        return deployment.getMetadata().getDeletionTimestamp() != null;
    }

    private String annotation(String key) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
