package dev.hookwright.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** hookwright's settings (prefix {@code hookwright}); each has the shipped default of CONTRACT §1 and §4. */
@ConfigMapping(prefix = "hookwright")
public interface HookwrightConfig {

    /** Defaults for the migration Job when a Deployment's annotations say nothing. */
    Migration migration();

    /** The limits and modes of the hook policy. */
    Policy policy();

    /** The serving certificate; read by {@code quarkus.tls.*} in application.properties. */
    Tls tls();

    interface Tls {
        /** PEM certificate chain (env {@code HOOKWRIGHT_TLS_CERT}). */
        @WithDefault("certs/dev/tls.crt")
        String cert();

        /** PEM private key (env {@code HOOKWRIGHT_TLS_KEY}). */
        @WithDefault("certs/dev/tls.key")
        String key();

        /** How often the files are read again, so a rotated certificate is served without a restart. */
        @WithDefault("30s")
        java.time.Duration reloadPeriod();
    }

    interface Migration {
        /**
         * The default migration command as a JSON array of strings, e.g. {@code ["node","db/migrate.mjs"]}.
         * Unset: every opted-in Deployment must carry {@code hookwright.dev/command}.
         */
        Optional<String> defaultCommand();

        /** {@code spec.backoffLimit} when {@code hookwright.dev/backoff-limit} is absent. */
        @WithDefault("0")
        int backoffLimit();

        /** {@code spec.activeDeadlineSeconds} when {@code hookwright.dev/active-deadline-seconds} is absent. */
        @WithDefault("300")
        int activeDeadlineSeconds();

        /** {@code spec.ttlSecondsAfterFinished} when {@code hookwright.dev/ttl-seconds-after-finished} is absent. */
        @WithDefault("300")
        int ttlSecondsAfterFinished();

        /** Turn Istio and Linkerd sidecars off in migration pods: a proxy that never exits keeps the Job running. */
        @WithDefault("true")
        boolean disableMeshSidecars();

        /** Ask Vault's agent injector for init-only mode where a pod asks for Vault injection. */
        @WithDefault("true")
        boolean vaultPrePopulateOnly();
    }

    interface Policy {
        /** Largest accepted {@code backoffLimit}, for annotations and the {@code backoff} rule. */
        @WithDefault("6")
        int maxBackoffLimit();

        /** Largest accepted {@code activeDeadlineSeconds}, for annotations and the {@code deadline} rule. */
        @WithDefault("3600")
        int maxActiveDeadlineSeconds();

        /** The {@code helm --timeout} the installation's releases use, for {@code deadline-vs-timeout}. */
        @WithDefault("300")
        int helmTimeoutSeconds();

        /** The mode of plain {@code /validate}: {@code enforce}, {@code warn} or {@code off}. */
        @WithDefault("warn")
        String defaultMode();
    }
}
