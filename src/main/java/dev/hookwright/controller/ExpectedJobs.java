package dev.hookwright.controller;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Job names each Deployment's current revision asks for, so that an event about a Job that
 * carries no ownerReference of ours (a hand-written Job in the way) still wakes the Deployment
 * waiting for that name: deleting the conflicting Job is noticed within seconds.
 */
public final class ExpectedJobs {
    private record JobRef(String namespace, String name) {
    }

    private final Map<JobRef, DeploymentKey> byJob = new HashMap<>();
    private final Map<DeploymentKey, Set<String>> byDeployment = new HashMap<>();

    public synchronized void expect(DeploymentKey key, Set<String> names) {
        forget(key);
        names.forEach(name -> byJob.put(new JobRef(key.namespace(), name), key));
        byDeployment.put(key, Set.copyOf(names));
    }

    public synchronized void forget(DeploymentKey key) {
        Set<String> names = byDeployment.remove(key);
        if (names != null) {
            names.forEach(name -> byJob.remove(new JobRef(key.namespace(), name), key));
        }
    }

    public synchronized Optional<DeploymentKey> waitingFor(String namespace, String name) {
        return Optional.ofNullable(byJob.get(new JobRef(namespace, name)));
    }

    public synchronized void clear() {
        byJob.clear();
        byDeployment.clear();
    }
}
