package dev.hookwright.core.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the rollout a migration Job belongs to stands, as {@link RolloutJudge} reads it from the
 * Deployment and its ReplicaSets. Only {@link Complete} and {@link ScaledToZero} let the
 * post-deploy (contract) phase start; {@link Failed}, {@link Superseded} and {@link RolledBack}
 * mean it never will for this revision.
 */
public sealed interface RolloutState {

    /** No pod of an older revision is left: the contract phase may remove what old code read. */
    default boolean isComplete() {
        return this instanceof Complete || this instanceof ScaledToZero;
    }

    /** The rollout of this revision ended without completing: its post-deploy Job never runs. */
    default boolean endedWithoutCompleting() {
        return this instanceof Failed || this instanceof Superseded || this instanceof RolledBack;
    }

    /** One line for Events and logs. */
    String describe();

    /** Still under way, or not yet observed; {@code waitingFor} says for what. */
    record Progressing(String waitingFor) implements RolloutState {
        @Override
        public String describe() {
            return "rollout in progress: " + waitingFor;
        }
    }

    /**
     * Every replica updated and available, the status observed for the current generation, and no
     * older ReplicaSet with a pod left.
     */
    record Complete() implements RolloutState {
        @Override
        public String describe() {
            return "rollout complete";
        }
    }

    /**
     * {@code spec.replicas} is 0 and no pod of an older ReplicaSet is left: no old code runs, so
     * the contract phase is as safe as after a complete rollout (and waiting for a scale-up
     * could wait for ever).
     */
    record ScaledToZero() implements RolloutState {
        @Override
        public String describe() {
            return "scaled to zero with no pod of an older revision left";
        }
    }

    /**
     * Condition {@code Progressing=False}, reason {@code ProgressDeadlineExceeded}.
     *
     * @param message the condition's message
     * @param at      when the condition last changed ({@code lastUpdateTime}, else {@code lastTransitionTime})
     */
    record Failed(String message, Optional<Instant> at) implements RolloutState {
        @Override
        public String describe() {
            return "rollout failed (ProgressDeadlineExceeded): " + message;
        }
    }

    /**
     * A newer rollout replaced this one: the current ReplicaSet is newer than the Job's and does
     * not carry its name.
     *
     * @param jobReplicaSet     the newest ReplicaSet of the Job's revision, or empty when none was made
     * @param currentReplicaSet the ReplicaSet of the current pod template
     */
    record Superseded(Optional<String> jobReplicaSet, String currentReplicaSet) implements RolloutState {
        @Override
        public String describe() {
            return "rollout superseded: the current ReplicaSet " + currentReplicaSet + " belongs to a newer revision";
        }
    }

    /**
     * The Deployment went back to an older pod template: the current ReplicaSet was current
     * before the Job's ReplicaSet was.
     */
    record RolledBack(String jobReplicaSet, String currentReplicaSet) implements RolloutState {
        @Override
        public String describe() {
            return "rolled back: the current ReplicaSet " + currentReplicaSet + " is older than " + jobReplicaSet;
        }
    }
}
