package dev.hookwright.core;

/** The label and annotation keys users type and hookwright writes (docs/reference.md, Names). */
public final class Keys {
    private Keys() {
    }

    public static final String PREFIX = "hookwright.dev/";

    /** Opt-in label on the Deployment. */
    public static final String OPT_IN_LABEL = PREFIX + "migrations";
    public static final String OPT_IN_VALUE = "enabled";
    /**
     * Written by {@code hookwright render} on a Deployment whose Jobs it put into the stream as
     * hooks: the webhook and the controller select {@code enabled} only, so they leave it alone.
     */
    public static final String OPT_IN_RENDERED = "rendered";

    public static final String RELEASE = PREFIX + "release";
    public static final String COMMAND = PREFIX + "command";
    public static final String ARGS = PREFIX + "args";
    public static final String WHEN = PREFIX + "when";
    public static final String WEIGHT = PREFIX + "weight";
    public static final String CONTAINER = PREFIX + "container";
    public static final String BACKOFF_LIMIT = PREFIX + "backoff-limit";
    public static final String ACTIVE_DEADLINE_SECONDS = PREFIX + "active-deadline-seconds";
    public static final String TTL_SECONDS_AFTER_FINISHED = PREFIX + "ttl-seconds-after-finished";
    public static final String REVISION = PREFIX + "revision";
    public static final String RERUN = PREFIX + "rerun";
    public static final String SKIP = PREFIX + "skip";
    public static final String ENV_CONFIGMAP = PREFIX + "env-configmap";
    public static final String ENV_SECRET = PREFIX + "env-secret";
    /** JSON list of the pod's volume names the migration Job mounts although they are PersistentVolumeClaims. */
    public static final String VOLUMES = PREFIX + "volumes";
    /** JSON {@code {"requests":{…},"limits":{…}}}: the migration container's resources. */
    public static final String RESOURCES = PREFIX + "resources";

    public static final String SEED_COMMAND = PREFIX + "seed-command";
    public static final String SEED_ARGS = PREFIX + "seed-args";
    public static final String SEED_WHEN = PREFIX + "seed-when";
    public static final String RETRY = PREFIX + "retry";
    public static final String RETRY_FAIL_EXIT_CODES = PREFIX + "retry-fail-exit-codes";

    /** Variables added to the migration's container (the first phase), JSON object of name → string. */
    public static final String ENV = PREFIX + "env";
    /** The second (contract) phase: runs after the rollout of its revision is complete. */
    public static final String POST_DEPLOY_COMMAND = PREFIX + "post-deploy-command";
    public static final String POST_DEPLOY_ARGS = PREFIX + "post-deploy-args";
    /** Variables added to the post-deploy container, JSON object of name → string. */
    public static final String POST_DEPLOY_ENV = PREFIX + "post-deploy-env";

    /** Written by the webhook: the name of the synthesized Job. Never read as input. */
    public static final String MIGRATION_JOB = PREFIX + "migration-job";
    /** Written by the controller only: {@code <job name> <phase>}. */
    public static final String MIGRATION_STATUS = PREFIX + "migration-status";
    /** Written by the controller only: {@code <seed job name> <phase>}, the seed Job's own record. */
    public static final String SEED_STATUS = PREFIX + "seed-status";
    /** Written by the controller only: {@code <post-deploy job name> <phase>}, the post-deploy Job's record. */
    public static final String POST_DEPLOY_STATUS = PREFIX + "post-deploy-status";
    /** Written by the controller only: the final outcomes of the Deployment's Jobs, a JSON array newest first. */
    public static final String MIGRATION_HISTORY = PREFIX + "migration-history";
    /** Written by the controller only: the last outcome's message, redacted, at most 1 KiB. */
    public static final String MIGRATION_MESSAGE = PREFIX + "migration-message";
    /** Finalizer on every Job the controller creates: removed only once the Job's outcome is recorded. */
    public static final String OUTCOME_FINALIZER = PREFIX + "outcome";

    /** Pod readiness gate (and pod condition type) for {@code pre} migrations. */
    public static final String READINESS_GATE = PREFIX + "migrated";

    /** Label on Jobs and their pods naming the Deployment they belong to. */
    public static final String DEPLOYMENT_LABEL = PREFIX + "deployment";

    public static final String HELM_RELEASE_NAME = "meta.helm.sh/release-name";
    public static final String HELM_HOOK = "helm.sh/hook";
    public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
    public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";

    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_HOOKWRIGHT = "hookwright";
    public static final String MANAGED_BY_HELM = "Helm";
    public static final String COMPONENT_MIGRATIONS = "migrations";
    public static final String COMPONENT_SEED = "seed";
    public static final String COMPONENT_POST_DEPLOY = "post-deploy-migrations";

    /** hookwright's own records: changing them never counts as a configuration change. */
    public static boolean isRecord(String key) {
        return MIGRATION_JOB.equals(key) || MIGRATION_STATUS.equals(key) || SEED_STATUS.equals(key)
                || POST_DEPLOY_STATUS.equals(key) || MIGRATION_HISTORY.equals(key) || MIGRATION_MESSAGE.equals(key);
    }
}
