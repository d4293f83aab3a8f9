package dev.hookwright.core.policy;

import dev.hookwright.core.Keys;
import dev.hookwright.core.policy.HookJob.IntField;

import java.util.List;

/** The rules on {@code spec}: deadline, retries, clean-up and how Helm's wait meets the deadline. */
final class SpecRules {
    static final String DEADLINE_PATH = "spec.activeDeadlineSeconds";
    static final String BACKOFF_PATH = "spec.backoffLimit";
    static final String TTL_PATH = "spec.ttlSecondsAfterFinished";
    static final String RESTART_PATH = "spec.template.spec.restartPolicy";
    /** What the API server writes when {@code backoffLimit} is absent (and no per-index limit is set). */
    static final int API_DEFAULT_BACKOFF_LIMIT = 6;
    /** Room between the Job's deadline and Helm's: pod start-up and Helm's polling. */
    static final int TIMEOUT_MARGIN_SECONDS = 30;

    private SpecRules() {
    }

    /**
     * Every hook Job, not only migrations: Helm waits for each Job hook before the next, so one
     * that hangs holds the release in pending-install or pending-upgrade until Helm's --timeout.
     */
    static List<Finding> deadline(HookJob job, PolicySettings settings) {
        IntField deadline = job.integer("/spec/activeDeadlineSeconds");
        int max = settings.limits().maxActiveDeadlineSeconds();
        String range = "set 1.." + max + " (seconds)";
        return switch (deadline.kind()) {
            case UNSET -> Finding.error(Rules.DEADLINE, DEADLINE_PATH, DEADLINE_PATH + " is not set: Helm waits for a "
                    + "hook Job, so one that hangs holds the release pending until Helm's --timeout, and the Job keeps "
                    + "running after; " + range);
            case NOT_INTEGER -> Finding.error(Rules.DEADLINE, DEADLINE_PATH,
                    DEADLINE_PATH + " is " + deadline.shown() + ", not an integer; " + range);
            case INTEGER -> deadline.value() >= 1 && deadline.value() <= max ? List.of()
                    : Finding.error(Rules.DEADLINE, DEADLINE_PATH, DEADLINE_PATH + " is " + deadline.value()
                            + (deadline.value() > max ? ", over the maximum " + max : "") + "; " + range);
        };
    }

    /** Absent counts as the API server's default of 6; Indexed Jobs limit retries per index instead. */
    static List<Finding> backoff(HookJob job, PolicySettings settings) {
        if ("Indexed".equals(job.at("/spec/completionMode").asText())
                && job.integer("/spec/backoffLimitPerIndex").isSet()) {
            return List.of();
        }
        IntField backoff = job.integer("/spec/backoffLimit");
        int max = settings.limits().maxBackoffLimit();
        String range = "set 0.." + max;
        return switch (backoff.kind()) {
            case UNSET -> API_DEFAULT_BACKOFF_LIMIT <= max ? List.of() : Finding.error(Rules.BACKOFF, BACKOFF_PATH,
                    BACKOFF_PATH + " is not set, so Kubernetes uses " + API_DEFAULT_BACKOFF_LIMIT
                            + ", over the maximum " + max + "; " + range);
            case NOT_INTEGER -> Finding.error(Rules.BACKOFF, BACKOFF_PATH,
                    BACKOFF_PATH + " is " + backoff.shown() + ", not an integer; " + range);
            case INTEGER -> backoff.value() >= 0 && backoff.value() <= max ? List.of()
                    : Finding.error(Rules.BACKOFF, BACKOFF_PATH, BACKOFF_PATH + " is " + backoff.value()
                            + (backoff.value() > max ? ", over the maximum " + max
                                    + " (a failing migration would be run again and again)" : "") + "; " + range);
        };
    }

    /** A finished hook Job that nothing removes stays until the next run's before-hook-creation. */
    static List<Finding> cleanup(HookJob job, PolicySettings settings) {
        boolean deletedOnSuccess = job.deletePolicies().filter(list -> list.contains("hook-succeeded")).isPresent();
        if (job.integer("/spec/ttlSecondsAfterFinished").isSet() || deletedOnSuccess) {
            return List.of();
        }
        return Finding.warning(Rules.CLEANUP, TTL_PATH, TTL_PATH + " is not set and " + Keys.HELM_HOOK_DELETE_POLICY
                + " has no hook-succeeded, so the finished Job and its pod stay; set ttlSecondsAfterFinished: 300 "
                + "or add hook-succeeded");
    }

    /**
     * OnFailure restarts the container in the same pod: the Job shows no failed pod and no log of
     * it. A migration must fail visibly; other hooks (a cache warm-up, a notification) may retry in-pod.
     */
    static List<Finding> restartPolicy(HookJob job, PolicySettings settings) {
        if (!MigrationHooks.isMigration(job.node())) {
            return List.of();
        }
        String restart = job.at("/spec/template/spec/restartPolicy").asText("");
        if ("Never".equals(restart)) {
            return List.of();
        }
        String found = restart.isEmpty() ? "not set" : Quote.of(restart);
        return Finding.warning(Rules.RESTART_POLICY, RESTART_PATH, RESTART_PATH + " is " + found + "; a migration retried in-pod hides its failures; write Never (retries: spec.backoffLimit)");
    }

    /**
     * Helm waits on hook Jobs; when its --timeout ends first, the user reads "context deadline
     * exceeded" instead of the Job's DeadlineExceeded. Jobs hookwright manages are not Helm's to
     * wait on. A missing or broken deadline is the {@code deadline} rule's finding, not this one's.
     */
    static List<Finding> deadlineVsTimeout(HookJob job, PolicySettings settings) {
        IntField deadline = job.integer("/spec/activeDeadlineSeconds");
        boolean managedByHookwright = job.label(Keys.MANAGED_BY).filter(Keys.MANAGED_BY_HOOKWRIGHT::equals).isPresent();
        int timeout = settings.helmTimeoutSeconds();
        if (managedByHookwright || deadline.kind() != IntField.Kind.INTEGER
                || deadline.value() + TIMEOUT_MARGIN_SECONDS <= timeout) {
            return List.of();
        }
        return Finding.warning(Rules.DEADLINE_VS_TIMEOUT, DEADLINE_PATH, DEADLINE_PATH + " is " + deadline.value()
                + ", so Helm's --timeout of " + timeout + "s ends first with \"context deadline exceeded\"; set at most "
                + Math.max(1, timeout - TIMEOUT_MARGIN_SECONDS) + " or run helm with --timeout "
                + (deadline.value() + TIMEOUT_MARGIN_SECONDS) + "s or more");
    }
}
