package dev.hookwright.controller;

/** The Event reasons users see in {@code kubectl describe deployment} (CONTRACT §3). */
public final class Reasons {
    public static final String JOB_CREATED = "MigrationJobCreated";
    public static final String SUCCEEDED = "MigrationSucceeded";
    public static final String FAILED = "MigrationFailed";
    public static final String CONFLICT = "MigrationJobConflict";
    public static final String INVALID = "MigrationInvalid";

    private Reasons() {
    }
}
