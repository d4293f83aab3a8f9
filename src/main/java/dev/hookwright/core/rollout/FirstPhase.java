package dev.hookwright.core.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of a revision's first phase (its migration Job). The controller reads it from its
 * own records on the Deployment (the history, else the record) with its one parser of them, and
 * hands it over in these terms.
 *
 * @param outcome    what became of the migration Job
 * @param finishedAt when it ended, when the history says
 */
public record FirstPhase(Outcome outcome, Optional<Instant> finishedAt) {
    public enum Outcome {
        /** No final outcome recorded yet (not started, pending, running, waiting). */
        NOT_FINISHED,
        SUCCEEDED,
        /** {@code hookwright.dev/skip}: recorded as migrated without running anything. */
        SKIPPED,
        FAILED
    }

    public static FirstPhase notFinished() {
        return new FirstPhase(Outcome.NOT_FINISHED, Optional.empty());
    }

    /** Whether the schema is expanded for this revision, so its contract phase may follow. */
    public boolean letsPostDeployRun() {
        return outcome == Outcome.SUCCEEDED || outcome == Outcome.SKIPPED;
    }
}
