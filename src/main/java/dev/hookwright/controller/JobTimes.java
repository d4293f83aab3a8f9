package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long a finished Job ran, from its own status. */
final class JobTimes {
    private JobTimes() {
    }

    static Optional<Duration> duration(Job job) {
        JobStatus status = job.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        Optional<Instant> start = instant(status.getStartTime());
        // A failed Job has no completionTime: its Failed condition tells when it ended.
        Optional<Instant> end = instant(status.getCompletionTime()).or(() -> status.getConditions() == null
                ? Optional.empty()
                : status.getConditions().stream().filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst().flatMap(c -> instant(c.getLastTransitionTime())));
        return start.flatMap(s -> end.map(e -> Duration.between(s, e))).filter(d -> !d.isNegative());
    }

    private static Optional<Instant> instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
