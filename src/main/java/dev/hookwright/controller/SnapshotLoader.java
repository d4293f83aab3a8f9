package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.kube.ClusterReader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one Deployment's {@link Snapshot} from the API server (never from a cache: a decision on
 * a stale record could run a migration twice), planning it with the webhook's own planner. It
 * reads only what the decider can use: pods of a Job only when the Job failed unrecorded or has
 * not started, a Job by name only while its name has no outcome on record, the gated pods only
 * when the Deployment gates its pods and its status says one may be waiting, the ReplicaSets only
 * when a pod waits at it or a post-deploy Job waits for its rollout (the Deployment's status comes
 * with the Deployment). A migrated Deployment with nothing changed costs two reads: itself and
 * the list of its Jobs.
 */
public final class SnapshotLoader implements SnapshotSource {
    private final ClusterReader reader;
    private final MigrationPlanner planner;
    private final Clock clock;
    private final Duration keepFailed;

    /** @param keepFailed {@code hookwright.migration.keep-failed}: how long a failed Job is kept without its TTL */
    public SnapshotLoader(ClusterReader reader, MigrationPlanner planner, Clock clock, Duration keepFailed) {
        this.reader = reader;
        this.planner = planner;
        this.clock = clock;
        this.keepFailed = keepFailed;
    }

    @Override
    public Optional<Snapshot> load(DeploymentKey key) {
        return reader.deployment(key.namespace(), key.name()).map(this::load);
    }

    @Override
    public List<Job> jobsOf(DeploymentKey key) {
        return reader.jobsLabelledFor(key.namespace(), key.name());
    }

    Snapshot load(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        Plan plan = planner.plan(deployment, Optional.empty());
        Map<String, Job> jobs = new LinkedHashMap<>();
        reader.jobsOf(deployment).forEach(job -> jobs.put(job.getMetadata().getName(), job));
        if (plan instanceof Plan.Planned planned) {
            // The Deployment's records alone, to judge which names are worth a read before any is read.
            Snapshot records = new Snapshot(deployment, plan, Map.of(), Map.of(), List.of(), Map.of(), clock.instant(), keepFailed);
            for (Stage stage : Stage.ALL) {
                // A Job of the wanted name that is not labelled as ours: someone else's, found by name; not looked for
                // once the name has an outcome on record (after the TTL removed the Job, a 404 on every resync).
                stage.job().of(planned).map(job -> job.getMetadata().getName()).filter(name -> !jobs.containsKey(name))
                        .filter(name -> stage.mayFindInTheWay(records, planned, name))
                        .flatMap(name -> reader.job(namespace, name)).ifPresent(job -> jobs.put(job.getMetadata().getName(), job));
            }
        }
        History history = History.parse(Optional.ofNullable(deployment.getMetadata().getAnnotations())
                .map(a -> a.get(Keys.MIGRATION_HISTORY)).orElse(null));
        Map<String, List<Pod>> jobPods = new HashMap<>();
        for (Job job : jobs.values()) {
            JobState state = JobState.of(job);
            boolean unrecordedFailure = state == JobState.FAILED && history.find(job.getMetadata().getName()).isEmpty();
            if (unrecordedFailure || state == JobState.NOT_STARTED) {
                List<Pod> pods = reader.podsOf(job);
                if (!pods.isEmpty()) {
                    jobPods.put(job.getMetadata().getName(), pods);
                }
            }
        }
        List<Pod> gated = List.of();
        Map<String, ReplicaSet> replicaSets = Map.of();
        if (plan instanceof Plan.Planned && watchesGatedPods(deployment, plan)) {
            gated = reader.podsSelectedBy(deployment).stream().filter(PodGates::waits).toList();
        }
        if (plan instanceof Plan.Planned planned && (!gated.isEmpty() || awaitsRollout(deployment, planned))) {
            Map<String, ReplicaSet> owned = new HashMap<>();
            reader.replicaSetsSelectedBy(deployment).stream()
                    .filter(rs -> Ownership.isControlledBy(rs, deployment.getMetadata().getUid()))
                    .forEach(rs -> owned.put(rs.getMetadata().getName(), rs));
            replicaSets = owned;
        }
        return new Snapshot(deployment, plan, jobs, jobPods, gated, replicaSets, clock.instant(), keepFailed);
    }

    /**
     * Whether the Deployment's pods must be read (and watched) for the {@code pre} gate: it gates its
     * pods and its status says one may be waiting ({@link PodGates#mayHaveWaitingPods}).
     */
    static boolean watchesGatedPods(Deployment deployment, Plan plan) {
        boolean gates = plan instanceof Plan.Planned planned && planned.settings().holdsTraffic()
                || PodGates.templateHasGate(deployment);
        return gates && PodGates.mayHaveWaitingPods(deployment);
    }

    /** The revision has a post-deploy Job with no outcome yet: its start depends on the rollout. */
    private static boolean awaitsRollout(Deployment deployment, Plan.Planned planned) {
        if (planned.postDeployJob().isEmpty()) {
            return false;
        }
        String name = planned.postDeployJob().get().getMetadata().getName();
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return MigrationStatus.parse(annotations == null ? null : annotations.get(Keys.POST_DEPLOY_STATUS))
                .filter(status -> status.isOutcomeOf(name)).isEmpty();
    }
}
