package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The {@code pre} readiness gate {@code hookwright.dev/migrated}, on a pod template and on pods. */
public final class PodGates {
    private PodGates() {
    }

    public static boolean templateHasGate(Deployment deployment) {
        return deployment.getSpec() != null && deployment.getSpec().getTemplate() != null
                && hasGate(deployment.getSpec().getTemplate().getSpec());
    }

    /** Carries the gate, lacks its condition and is not being deleted. */
    public static boolean waits(Pod pod) {
        return !dev.hookwright.core.Deletion.isBeingDeleted(pod) && hasGate(pod.getSpec()) && !isMigrated(pod);
    }

    static boolean hasGate(PodSpec spec) {
        return spec != null && spec.getReadinessGates() != null
                && spec.getReadinessGates().stream().anyMatch(g -> Keys.READINESS_GATE.equals(g.getConditionType()));
    }

    public static boolean isMigrated(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> Keys.READINESS_GATE.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
