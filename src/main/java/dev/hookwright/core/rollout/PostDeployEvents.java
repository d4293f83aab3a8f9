package dev.hookwright.core.rollout;

/** The Event reasons of the post-deploy phase, as users see them in {@code kubectl describe deployment}. */
public final class PostDeployEvents {
    /** Normal: the post-deploy Job was created. */
    public static final String JOB_CREATED = "PostDeployJobCreated";
    /** Normal: it succeeded. */
    public static final String SUCCEEDED = "PostDeploySucceeded";
    /** Warning: it failed. */
    public static final String FAILED = "PostDeployFailed";
    /**
     * Warning: it will never run for this revision: the migration failed, or the rollout failed,
     * was superseded or was rolled back before completing.
     */
    public static final String SKIPPED = "PostDeploySkipped";

    private PostDeployEvents() {
    }
}
