package dev.hookwright.controller;

/** The Event reasons users see in {@code kubectl describe deployment} (CONTRACT §2a, §3). */
public final class Reasons {
    public static final String JOB_CREATED = "MigrationJobCreated";
    public static final String SUCCEEDED = "MigrationSucceeded";
    public static final String FAILED = "MigrationFailed";
    public static final String CONFLICT = "MigrationJobConflict";
    public static final String INVALID = "MigrationInvalid";
    public static final String SEED_JOB_CREATED = "SeedJobCreated";
    public static final String SEED_SUCCEEDED = "SeedSucceeded";
    public static final String SEED_FAILED = "SeedFailed";
    public static final String SEED_SKIPPED = "SeedSkipped";

    private Reasons() {
    }
}
