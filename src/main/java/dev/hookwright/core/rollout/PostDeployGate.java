package dev.hookwright.core.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * May the post-deploy (contract) Job of a revision start? Only when that revision's first phase
 * succeeded or was skipped and its rollout is complete: then no pod of the old code is left to
 * read what the contract phase removes. Pure: the controller records and reports the verdict.
 */
public final class PostDeployGate {
    private PostDeployGate() {
    }

    /** The verdict: start now, wait, or never for this revision (with the Warning to give). */
    public sealed interface Verdict {
        /** Create the post-deploy Job. */
        record Start() implements Verdict {
        }

        /** Not yet; ask again when the Deployment, its ReplicaSets or the migration change. */
        record Wait(String reason) implements Verdict {
        }

        /**
         * Never for this revision: record it {@code Skipped} and emit a Warning Event with
         * {@code reason} ({@link PostDeployEvents#SKIPPED}) and {@code message}. A later revision's
         * post-deploy Job runs the contract migrations left over.
         */
        record Never(String reason, String message) implements Verdict {
        }
    }

    /**
     * @param postDeployJob the post-deploy Job's name, for the message
     * @param migrationJob  the same revision's migration Job name, for the message
     * @param firstPhase    that migration's outcome ({@link FirstPhase#of})
     * @param rollout       the rollout's state ({@link RolloutJudge#judge})
     */
    public static Verdict decide(String postDeployJob, String migrationJob, FirstPhase firstPhase,
            RolloutState rollout) {
        if (firstPhase.outcome() == FirstPhase.Outcome.FAILED) {
            return never(postDeployJob, "migration " + migrationJob + " failed");
        }
        if (!firstPhase.letsPostDeployRun()) {
            return new Verdict.Wait("waiting for migration " + migrationJob + " to succeed");
        }
        if (rollout instanceof RolloutState.Failed failed && deadlinePassedBefore(failed.at(), firstPhase.finishedAt())) {
            // With `pre`, hookwright's own readiness gate held the new pods until the migration
            // ended: a deadline that passed meanwhile is not the rollout's failure. The condition
            // turns True again as soon as the released pods make progress.
            return new Verdict.Wait("the progress deadline passed while migration " + migrationJob
                    + " ran; waiting for the rollout to make progress");
        }
        if (rollout.endedWithoutCompleting()) {
            return never(postDeployJob, rollout.describe());
        }
        if (rollout.isComplete()) {
            return new Verdict.Start();
        }
        return new Verdict.Wait(rollout.describe());
    }

    private static boolean deadlinePassedBefore(Optional<Instant> deadline, Optional<Instant> migrationEnded) {
        return deadline.isPresent() && migrationEnded.isPresent() && !deadline.get().isAfter(migrationEnded.get());
    }

    private static Verdict never(String postDeployJob, String why) {
        return new Verdict.Never(PostDeployEvents.SKIPPED, "post-deploy Job " + postDeployJob
                + " will not run for this revision: " + why + "; run it by hand, or the next revision's "
                + "post-deploy Job catches up");
    }
}
