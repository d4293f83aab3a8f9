package dev.hookwright.cli;

import dev.hookwright.controller.MigrationStatus;
import dev.hookwright.controller.Phase;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What makes {@code status} and {@code explain} exit 1: a step whose record is Failed, a Job
 * Pending or Running past its {@code activeDeadlineSeconds} (Kubernetes should have failed it:
 * something holds it, e.g. a pod that will not terminate), or a step Waiting longer than the limit.
 */
final class Problems {
    private Problems() {
    }

    enum Kind { FAILED, STUCK }

    record Problem(Records.Step step, MigrationStatus status, Kind kind, String reason) {
    }

    /** The first problem in the order the steps run, if any. */
    static Optional<Problem> first(Deployment deployment, List<Job> jobs, Instant now, Duration waitingLimit) {
        for (Records.Step step : Records.Step.values()) {
            Optional<Problem> problem = Records.status(deployment, step)
                    .flatMap(status -> of(deployment, step, status, jobs, now, waitingLimit));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> of(Deployment deployment, Records.Step step, MigrationStatus status, List<Job> jobs,
            Instant now, Duration waitingLimit) {
        return switch (status.phase()) {
            case Failed -> Optional.of(new Problem(step, status, Kind.FAILED, "the " + step.word + " Job "
                    + status.jobName() + " failed"));
            case Pending, Running -> job(jobs, status.jobName()).flatMap(Problems::deadline)
                    .filter(deadline -> now.isAfter(deadline))
                    .map(deadline -> new Problem(step, status, Kind.STUCK, "the " + step.word + " Job " + status.jobName()
                            + " is " + status.phase() + " " + Age.of(Duration.between(deadline, now))
                            + " past its activeDeadlineSeconds"));
            case Waiting -> Records.writtenAt(deployment, step.key)
                    .filter(since -> Duration.between(since, now).compareTo(waitingLimit) > 0)
                    .map(since -> new Problem(step, status, Kind.STUCK, "the " + step.word + " has been Waiting for "
                            + Age.of(Duration.between(since, now)) + ", longer than " + Age.of(waitingLimit)));
            default -> Optional.empty();
        };
    }

    static Optional<Job> job(List<Job> jobs, String name) {
        return jobs.stream().filter(job -> name.equals(job.getMetadata().getName())).findFirst();
    }

    /** When Kubernetes should fail the Job: its start plus {@code activeDeadlineSeconds}. */
    static Optional<Instant> deadline(Job job) {
        if (job.getSpec() == null || job.getSpec().getActiveDeadlineSeconds() == null || job.getStatus() == null) {
            return Optional.empty();
        }
        return Records.parseTime(job.getStatus().getStartTime())
                .map(start -> start.plusSeconds(job.getSpec().getActiveDeadlineSeconds()));
    }

    static boolean isFinished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> "True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }

    /** The phase Kubernetes' own Job status shows, in the controller's words. */
    static String jobState(Job job) {
        if (job.getStatus() == null) {
            return Phase.Pending.name();
        }
        if (job.getStatus().getConditions() != null) {
            for (var condition : job.getStatus().getConditions()) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return Phase.Succeeded.name();
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return Phase.Failed.name() + Optional.ofNullable(condition.getReason()).map(r -> " (" + r + ")").orElse("");
                }
            }
        }
        Integer active = job.getStatus().getActive();
        return active != null && active > 0 ? Phase.Running.name() : Phase.Pending.name();
    }
}
