package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step the decider asks for; {@link ActionRunner} carries them out in order. */
public sealed interface Action {

    /**
     * Create the Job; the note becomes an Event with {@code reason} ({@code MigrationJobCreated} or
     * {@code SeedJobCreated}) when it was created by this call.
     */
    record CreateJob(Job job, String reason, String note) implements Action {
        /** A migration Job. */
        public CreateJob(Job job, String note) {
            this(job, Reasons.JOB_CREATED, note);
        }

        public boolean isMigration() {
            return Reasons.JOB_CREATED.equals(reason);
        }
    }

    /** Delete a Job that has not started: only that object ({@code uid}) in that version, background propagation. */
    record DeleteJob(String name, String uid, String resourceVersion) implements Action {
    }

    /** Write {@code hookwright.dev/migration-status}. */
    record RecordStatus(MigrationStatus status) implements Action {
    }

    /** Write {@code hookwright.dev/seed-status}. */
    record RecordSeedStatus(MigrationStatus status) implements Action {
    }

    /** An Event on the Deployment. */
    record Emit(EventType type, String reason, String note) implements Action {
    }

    /** Set the pod condition {@code hookwright.dev/migrated=True} on these pods. */
    record MarkMigrated(List<Pod> pods) implements Action {
        public MarkMigrated {
            pods = List.copyOf(pods);
        }
    }

    /** A migration ended: counted in the metrics, with its duration when the Job told it. */
    record Finished(Phase outcome, Optional<Duration> duration) implements Action {
    }

    enum EventType { Normal, Warning }
}
