package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One write the decider asks for. {@link Decider} returns them in write order and {@link Executor}
 * carries them out in that order, stopping at the first API error (the whole reconcile runs again
 * later from a fresh read, so a half-done plan is never resumed from memory).
 */
public sealed interface Step {

    /** Write a stage's record ({@code migration-status}, {@code seed-status}): a one-key merge patch, conditional. */
    record Record(Stage stage, MigrationStatus status) implements Step {
    }

    /** Write {@code hookwright.dev/migration-history} as a whole (the decider computed the new value). */
    record WriteHistory(History history) implements Step {
    }

    /**
     * Create a Job (its intent is already on record). When the API refuses it for good (403, 422)
     * the {@code rejected} steps run instead of stopping, with the API's message appended to the
     * note of their {@link Emit}.
     */
    record CreateJob(Stage stage, Job job, String note, List<Step> rejected) implements Step {
        public CreateJob {
            rejected = List.copyOf(rejected);
        }

        public String name() {
            return job.getMetadata().getName();
        }
    }

    /** Delete a Job that has not started: only that object ({@code uid}) in that version, background propagation. */
    record DeleteJob(String name, String uid, String resourceVersion, String why) implements Step {
    }

    /** Remove {@code hookwright.dev/outcome} from a Job whose outcome is on record (or that never ran). */
    record ReleaseJob(String name, String uid) implements Step {
    }

    /**
     * Remove {@code spec.ttlSecondsAfterFinished} from a failed Job ({@code uid}), so its pods and
     * logs stay until {@code hookwright.migration.keep-failed} ends or a newer migration succeeds.
     */
    record KeepJob(String name, String uid) implements Step {
    }

    /** Write {@code hookwright.dev/migration-message}: the last outcome's message (redacted and shortened on write). */
    record WriteMessage(String message) implements Step {
    }

    /** An Event on the Deployment. */
    record Emit(EventType type, String reason, String note) implements Step {
    }

    /** A migration ended: counted in the metrics, with its duration when the Job told it. */
    record Finished(Phase outcome, Optional<Duration> duration) implements Step {
    }

    /** Set the pod condition {@code hookwright.dev/migrated=True} on these pods, each on its own. */
    record MarkMigrated(List<Pod> pods) implements Step {
        public MarkMigrated {
            pods = List.copyOf(pods);
        }
    }

    enum EventType { Normal, Warning }
}
