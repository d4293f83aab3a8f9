package dev.hookwright.controller;

import dev.hookwright.config.HookwrightConfig;
import dev.hookwright.config.MigrationConfig;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.kube.KubernetesPresence;
import dev.hookwright.kube.LeaseElection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starts the migration controller with the process, when it is enabled and there is a cluster
 * to talk to; otherwise says once, at start-up, why it is off.
 */
@ApplicationScoped
public class MigrationController {
    private static final Logger LOG = Logger.getLogger(MigrationController.class);

    @Inject
    HookwrightConfig config;

    @Inject
    MigrationPlanner planner;

    @Inject
    Instance<KubernetesClient> clients;

    @Inject
    MeterRegistry registry;

    @Inject
    MigrationConfig migration;

    @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
    Optional<String> apiServerUrl;

    private final ControllerStatus status = new ControllerStatus();
    private ControllerRuntime runtime;

    void onStart(@Observes StartupEvent event) {
        if (!config.controller().enabled()) {
            off("hookwright.controller.enabled=false");
            return;
        }
        Optional<String> source = KubernetesPresence.source(apiServerUrl);
        if (source.isEmpty()) {
            off("no Kubernetes configuration (no KUBERNETES_SERVICE_HOST, kubeconfig or "
                    + "quarkus.kubernetes-client.api-server-url); the webhook runs alone");
            return;
        }
        LOG.debugf("Kubernetes configuration from %s", source.get());
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    private void off(String why) {
        status.off(why);
        LOG.infof("migration controller off: %s", why);
    }

    public synchronized void start() {
        if (runtime == null) {
            runtime = new ControllerRuntime(clients.get(), planner, settings(), registry, status);
            runtime.start();
        }
    }

    /** Stops reconciling and releases the Lease; {@link #start()} starts afresh (and resyncs). */
    public synchronized void stop() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    public ControllerStatus status() {
        return status;
    }

    public synchronized boolean isLeading() {
        return runtime != null && runtime.isLeading();
    }

    private ControllerRuntime.Settings settings() {
        HookwrightConfig.Controller controller = config.controller();
        KubernetesClient client = clients.get();
        String namespace = controller.namespace().filter(ns -> !ns.isBlank())
                .or(() -> Optional.ofNullable(client.getNamespace()))
                .orElse("default");
        String identity = controller.lease().identity().filter(id -> !id.isBlank()).orElseGet(MigrationController::hostIdentity);
        Set<String> excluded = new HashSet<>(controller.excludedNamespaces());
        return new ControllerRuntime.Settings(
                new LeaseElection.Settings(namespace, controller.lease().name(), identity, controller.lease().duration(),
                        controller.lease().renewDeadline(), controller.lease().retryPeriod()),
                excluded, controller.resyncPeriod(), Math.max(1, controller.workers()),
                controller.backoffInitial(), controller.backoffMax(), migration.keepFailed());
    }

    /** Host name plus a random part, as client-go does: a restarted process is a new candidate. */
    private static String hostIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "hookwright";
        }
        return host + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
