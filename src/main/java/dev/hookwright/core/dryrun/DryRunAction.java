package dev.hookwright.core.dryrun;

import java.util.Locale;

/** What the dry run does with one object of the stream: the {@code action} of its report. */
public enum DryRunAction {
    /** A Deployment for which a Job was synthesized. */
    INJECT,
    /** A hook Job checked against the policy. */
    VALIDATE,
    /** Anything else, a Deployment with a bad value, or one with {@code hookwright.dev/skip}. */
    SKIP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
