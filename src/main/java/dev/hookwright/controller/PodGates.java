package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/** The {@code pre} readiness gate {@code hookwright.dev/migrated}, on a pod template and on pods. */
public final class PodGates {
    private PodGates() {
    }

    public static boolean templateHasGate(Deployment deployment) {
        return deployment.getSpec() != null && deployment.getSpec().getTemplate() != null
                && hasGate(deployment.getSpec().getTemplate().getSpec());
    }

    /**
     * Whether a pod of the Deployment may be waiting at the gate, judged from the Deployment's own
     * status so that a settled Deployment costs no read of its pods. A pod waiting at the gate is
     * never ready (the gate holds back its {@code Ready} condition), and the Deployment controller
     * counts every pod of the Deployment's ReplicaSets in the status: while one waits, the status
     * says fewer ready (or updated) pods than there are, or it has not observed the current
     * generation yet. Each change of the status brings the Deployment back to the informer, so a
     * pod that arrives after this read is seen by the next reconcile. An absent status, generation
     * or count means "may be waiting".
     */
    public static boolean mayHaveWaitingPods(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        Long generation = deployment.getMetadata() == null ? null : deployment.getMetadata().getGeneration();
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        if (status == null || generation == null || status.getObservedGeneration() == null || wanted == null
                || status.getReplicas() == null || status.getReadyReplicas() == null || status.getUpdatedReplicas() == null) {
            return true;
        }
        boolean settled = status.getObservedGeneration() >= generation
                && status.getReplicas().equals(wanted)
                && status.getReadyReplicas().equals(wanted)
                && status.getUpdatedReplicas().equals(wanted)
                && (status.getUnavailableReplicas() == null || status.getUnavailableReplicas() == 0);
        return !settled;
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
