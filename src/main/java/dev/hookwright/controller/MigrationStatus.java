package dev.hookwright.controller;

import java.util.Optional;

/**
 * The durable record {@code hookwright.dev/migration-status: "<job name> <phase>"}, and
 * {@code hookwright.dev/seed-status}, which has the same form for the seed Job. A status
 * whose Job name cannot be known (a stored bad value) uses {@link #NO_JOB}, which no DNS label
 * can equal.
 */
public record MigrationStatus(String jobName, Phase phase) {
    public static final String NO_JOB = "-";

    public static MigrationStatus invalid() {
        return new MigrationStatus(NO_JOB, Phase.Invalid);
    }

    /** The stored value, or empty for a missing or unreadable one (which is then simply overwritten). */
    public static Optional<MigrationStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().split(" +");
        if (parts.length != 2) {
            return Optional.empty();
        }
        for (Phase phase : Phase.values()) {
            if (phase.name().equals(parts[1])) {
                return Optional.of(new MigrationStatus(parts[0], phase));
            }
        }
        return Optional.empty();
    }

    public boolean isOutcomeOf(String job) {
        return jobName.equals(job) && phase.isOutcome();
    }

    @Override
    public String toString() {
        return jobName + " " + phase.name();
    }
}
