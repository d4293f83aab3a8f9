package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Optional;

/** Where the reconciler reads a Deployment's state from: the API server, or a test's lambda. */
@FunctionalInterface
public interface SnapshotSource {
    /** Empty when the Deployment is gone. */
    Optional<Snapshot> load(DeploymentKey key);

    /** The Jobs labelled as the named Deployment's, whoever controls them now (asked when the Deployment is gone). */
    default List<Job> jobsOf(DeploymentKey key) {
        return List.of();
    }
}
