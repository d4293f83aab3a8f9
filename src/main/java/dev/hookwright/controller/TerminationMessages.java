package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why a migration failed, from the Job's Failed condition and its pods' termination messages
 * ({@code status.containerStatuses[].state.terminated.message}, which the kubelet fills from
 * the log tail under {@code FallbackToLogsOnError}). Never from pod logs.
 */
public final class TerminationMessages {
    static final String CONTAINER = "migrate";

    private TerminationMessages() {
    }

    /** The {@code MigrationFailed} note: redacted and at most 1 KiB. */
    public static String failureNote(Job job, List<Pod> pods) {
        StringBuilder note = new StringBuilder("Job ").append(job.getMetadata().getName()).append(" failed");
        failedCondition(job).ifPresent(reason -> note.append(" (").append(reason).append(")"));
        latestTermination(pods).ifPresent(found -> note.append("; ").append(found));
        return Redactor.redact(note.toString());
    }

    private static Optional<String> failedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst()
                .map(c -> Stream.of(c.getReason(), c.getMessage()).filter(Objects::nonNull).reduce((a, b) -> a + ": " + b)
                        .orElse("no reason given"));
    }

    /** The newest pod's {@code migrate} container termination: exit code, reason and message. */
    static Optional<String> latestTermination(List<Pod> pods) {
        return pods.stream()
                .sorted(Comparator.comparing((Pod p) -> Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), ""))
                        .reversed())
                .flatMap(pod -> terminated(pod).map(t -> describe(pod, t)).stream())
                .findFirst();
    }

    private static Optional<ContainerStateTerminated> terminated(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        return statuses.stream()
                .sorted(Comparator.comparing((ContainerStatus s) -> !CONTAINER.equals(s.getName())))
                .flatMap(s -> Stream.of(s.getState(), s.getLastState()))
                .filter(state -> state != null && state.getTerminated() != null)
                .map(state -> state.getTerminated())
                .findFirst();
    }

    private static String describe(Pod pod, ContainerStateTerminated terminated) {
        StringBuilder text = new StringBuilder("pod ").append(pod.getMetadata().getName()).append(" exited with code ")
                .append(terminated.getExitCode());
        if (terminated.getReason() != null) {
            text.append(" (").append(terminated.getReason()).append(")");
        }
        if (terminated.getMessage() != null && !terminated.getMessage().isBlank()) {
            text.append(": ").append(terminated.getMessage().strip());
        }
        return text.toString();
    }
}
