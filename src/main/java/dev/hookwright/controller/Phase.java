package dev.hookwright.controller;

/** The phases of {@code hookwright.dev/migration-status} and of the other records ({@code seed-status}, {@code post-deploy-status}); docs/controller.md. */
public enum Phase {
    /** The Job exists and no pod of it has started. */
    Pending,
    /** A pod of the Job has started. */
    Running,
    Succeeded,
    Failed,
    /**
     * Another migration of this Deployment is still running: this one starts after it. For a seed:
     * it waits for the migration of its revision to succeed.
     */
    Waiting,
    /** The stored Deployment carries a value hookwright does not accept: no Job. */
    Invalid,
    /**
     * {@code hookwright.dev/skip: "true"}: recorded as migrated without running anything. For a
     * seed: its migration failed or was skipped, so it never runs.
     */
    Skipped;

    /** An outcome is final for its Job name: that revision never runs again. */
    public boolean isOutcome() {
        return this == Succeeded || this == Failed || this == Skipped;
    }

    /** Whether pods of this revision may take traffic (the {@code pre} readiness gate). */
    public boolean releasesTraffic() {
        return this == Succeeded || this == Skipped;
    }
}
