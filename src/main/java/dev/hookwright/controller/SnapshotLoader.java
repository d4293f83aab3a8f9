package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.kube.ClusterReader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads one Deployment's {@link Snapshot}, planning it with the webhook's own planner. */
public final class SnapshotLoader implements SnapshotSource {
    private final ClusterReader reader;
    private final MigrationPlanner planner;

    public SnapshotLoader(ClusterReader reader, MigrationPlanner planner) {
        this.reader = reader;
        this.planner = planner;
    }

    @Override
    public Optional<Snapshot> load(String namespace, String name) {
        return reader.deployment(namespace, name).map(this::load);
    }

    Snapshot load(Deployment deployment) {
        Plan plan = planner.plan(deployment, Optional.empty());
        if (!(plan instanceof Plan.Planned planned)) {
            return new Snapshot(deployment, plan, Optional.empty(), List.of(), List::of, List::of);
        }
        Optional<Job> sameName = reader.job(deployment.getMetadata().getNamespace(), planned.jobName());
        List<Job> owned = reader.jobsOf(deployment);
        String namespace = deployment.getMetadata().getNamespace();
        Supplier<List<Pod>> jobPods = memoize(() -> StepFailed.run("list Pods of Job " + namespace + "/" + planned.jobName(),
                () -> sameName.map(reader::podsOf).orElse(List.of())));
        Supplier<List<Pod>> selected = memoize(() -> StepFailed.run("list Pods of Deployment " + namespace + "/"
                + deployment.getMetadata().getName(), () -> reader.podsSelectedBy(deployment)));
        // Read only when a seed is asked for, so a Deployment without one costs no extra call.
        Optional<String> seedName = planned.seedJob().map(job -> job.getMetadata().getName());
        Optional<Job> seed = seedName.flatMap(name -> reader.job(namespace, name));
        Supplier<List<Pod>> seedPods = memoize(() -> StepFailed.run("list Pods of Job " + namespace + "/"
                + seedName.orElse(""), () -> seed.map(reader::podsOf).orElse(List.of())));
        return new Snapshot(deployment, plan, sameName, owned, jobPods, selected, seed, seedPods);
    }

    private static <T> Supplier<T> memoize(Supplier<T> source) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = source.get();
                }
                return value;
            }
        };
    }
}
