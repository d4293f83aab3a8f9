package dev.hookwright.controller;

/** The Event reasons users see in {@code kubectl describe deployment} (docs/controller.md, Events). */
public final class Reasons {
    public static final String JOB_CREATED = "MigrationJobCreated";
    public static final String SUCCEEDED = "MigrationSucceeded";
    public static final String FAILED = "MigrationFailed";
    public static final String CONFLICT = "MigrationJobConflict";
    public static final String INVALID = "MigrationInvalid";
    /** The API refused the Job for good (403 from a webhook or a quota, 422): recorded Failed. */
    public static final String REJECTED = "MigrationJobRejected";
    /** The Deployment went back to a revision whose migration already ran: recorded at once, nothing runs. */
    public static final String ALREADY_APPLIED = "MigrationAlreadyApplied";
    /** As {@link #ALREADY_APPLIED}, and a newer revision has migrated since: the schema may be ahead of this code. */
    public static final String ROLLED_BACK = "MigrationRolledBack";
    public static final String SEED_JOB_CREATED = "SeedJobCreated";
    public static final String SEED_SUCCEEDED = "SeedSucceeded";
    public static final String SEED_FAILED = "SeedFailed";
    public static final String SEED_SKIPPED = "SeedSkipped";

    private Reasons() {
    }
}
