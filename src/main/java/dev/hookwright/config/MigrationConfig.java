package dev.hookwright.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code hookwright.migration.*}: what the migration Job gets when a Deployment's annotations say
 * nothing. Checked against the policy's limits once, when the engine is built
 * ({@link Engine#from}); environment variables work as usual ({@code HOOKWRIGHT_MIGRATION_BACKOFF_LIMIT}).
 */
@ConfigMapping(prefix = "hookwright.migration")
public interface MigrationConfig {

    /**
     * The default migration command as a JSON array of strings, e.g. {@code ["node","db/migrate.mjs"]}.
     * Unset (the default): every opted-in Deployment must carry {@code hookwright.dev/command}.
     */
    Optional<String> defaultCommand();

    /** {@code spec.backoffLimit} when {@code hookwright.dev/backoff-limit} is absent; 0 to the policy's maximum. */
    @WithDefault("0")
    int backoffLimit();

    /** {@code spec.activeDeadlineSeconds} when {@code hookwright.dev/active-deadline-seconds} is absent; 1 to the policy's maximum. */
    @WithDefault("300")
    int activeDeadlineSeconds();

    /** {@code spec.ttlSecondsAfterFinished} when {@code hookwright.dev/ttl-seconds-after-finished} is absent; 0 or more. */
    @WithDefault("300")
    int ttlSecondsAfterFinished();

    /** Turn Istio and Linkerd sidecars off in migration pods: a proxy that never exits keeps the Job running. */
    @WithDefault("true")
    boolean disableMeshSidecars();

    /**
     * How long the controller keeps a failed Job (migration, post-deploy or seed) it owns, so that
     * {@code kubectl logs job/<name>} still works the next morning: it removes the Job's
     * {@code spec.ttlSecondsAfterFinished} when the Job fails, and deletes the Job when this time
     * has passed since the failure or when a newer revision's migration of the same Deployment
     * succeeded. {@code 0} keeps the TTL as set. Successful Jobs always keep their TTL.
     */
    @WithDefault("24h")
    Duration keepFailed();

    /** Ask Vault's agent injector for init-only mode where a pod asks for Vault injection. */
    @WithDefault("true")
    boolean vaultPrePopulateOnly();
}
