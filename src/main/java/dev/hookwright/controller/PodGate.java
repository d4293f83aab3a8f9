package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.settings.MigrationSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code pre} readiness gate: which of the Deployment's pods the current revision's
 * successful (or skipped) migration releases. A pod qualifies when it carries the gate, lacks
 * the condition, is not being deleted, and runs the image the migration ran with (the reused
 * container's image of the current pod template). Pods of an older ReplicaSet with another
 * image belong to another revision, whose migration did not necessarily succeed, so they are
 * left as they are.
 */
public final class PodGate {
    private PodGate() {
    }

    public static List<Pod> waiting(Deployment deployment, MigrationSettings settings, List<Pod> selected) {
        Optional<String> image = MigrationPlanner.reusedContainer(deployment.getSpec().getTemplate(), settings.container())
                .map(Container::getImage);
        if (image.isEmpty()) {
            return List.of();
        }
        return selected.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(PodGate::hasGate)
                .filter(pod -> !isMigrated(pod))
                .filter(pod -> runs(pod, settings.container(), image.get()))
                .toList();
    }

    static boolean hasGate(Pod pod) {
        PodSpec spec = pod.getSpec();
        return spec != null && spec.getReadinessGates() != null
                && spec.getReadinessGates().stream().anyMatch(g -> Keys.READINESS_GATE.equals(g.getConditionType()));
    }

    public static boolean isMigrated(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> Keys.READINESS_GATE.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean runs(Pod pod, Optional<String> containerName, String image) {
        List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        Optional<Container> reused = containerName.isPresent()
                ? containers.stream().filter(c -> containerName.get().equals(c.getName())).findFirst()
                : containers.stream().findFirst();
        return reused.map(c -> Objects.equals(image, c.getImage())).orElse(false);
    }
}
