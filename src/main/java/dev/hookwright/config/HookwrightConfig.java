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

    /** The migration controller (CONTRACT §3): what it watches, how often, and its leader election. */
    Controller controller();

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

        /** The naming rule: {@code release-scoped}, {@code strict} or {@code off}. */
        @WithDefault("release-scoped")
        String naming();
    }

    interface Controller {
        /**
         * Run the controller. Even when true it stays off, with one INFO line, when the process has
         * no Kubernetes configuration at all (no in-cluster service, kubeconfig or API server URL).
         */
        @WithDefault("true")
        boolean enabled();

        /** How often every watched Deployment is reconciled again although nothing changed. */
        @WithDefault("10m")
        java.time.Duration resyncPeriod();

        /** Reconcile workers; one Deployment is never reconciled by two at once. */
        @WithDefault("2")
        int workers();

        /** hookwright's own namespace: holds the Lease and is never watched (env {@code POD_NAMESPACE}). */
        Optional<String> namespace();

        /** Namespaces never watched besides hookwright's own and those labelled {@code hookwright.dev/ignore}. */
        @WithDefault("kube-system")
        java.util.List<String> excludedNamespaces();

        /** First retry delay after an API error; doubles on each further error of the same Deployment. */
        @WithDefault("1s")
        java.time.Duration backoffInitial();

        /** Longest retry delay after repeated API errors. */
        @WithDefault("5m")
        java.time.Duration backoffMax();

        /** Leader election on a {@code coordination.k8s.io} Lease in hookwright's own namespace. */
        Lease lease();

        interface Lease {
            /** The Lease's name. */
            @WithDefault("hookwright-controller")
            String name();

            /** This replica's identity in the Lease (env {@code POD_NAME}); the host name when unset. */
            Optional<String> identity();

            /** How long a leader's claim holds without renewal; a standby takes over after it. */
            @WithDefault("15s")
            java.time.Duration duration();

            /** A leader that could not renew within this time stops reconciling. */
            @WithDefault("10s")
            java.time.Duration renewDeadline();

            /** How often the Lease is tried or renewed. */
            @WithDefault("2s")
            java.time.Duration retryPeriod();
        }
    }
}
