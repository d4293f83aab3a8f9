package dev.hookwright.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * {@code hookwright.controller.*}: the migration controller's settings. The other areas have a
 * mapping each: {@link MigrationConfig}, {@link PolicyConfig}, {@link TlsConfig}. Every key and
 * its default is listed in docs/configuration.md.
 */
@ConfigMapping(prefix = "hookwright")
public interface HookwrightConfig {

    /** The migration controller: what it watches, how often, and its leader election. */
    Controller controller();

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
