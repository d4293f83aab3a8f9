package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.Pod;

/** Sets the pod condition {@code hookwright.dev/migrated=True} that the {@code pre} readiness gate waits for. */
@FunctionalInterface
public interface PodConditionWriter {
    void markMigrated(Pod pod);
}
