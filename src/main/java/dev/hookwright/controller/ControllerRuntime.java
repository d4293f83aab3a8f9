package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.kube.ClusterReader;
import dev.hookwright.kube.Fabric8EventRecorder;
import dev.hookwright.kube.Fabric8JobCreator;
import dev.hookwright.kube.Fabric8JobDeleter;
import dev.hookwright.kube.Fabric8PodConditionWriter;
import dev.hookwright.kube.Fabric8StatusWriter;
import dev.hookwright.kube.LeaseElection;
import dev.hookwright.kube.Watches;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * One running controller: informers → work queue → workers, gated by the Lease. Plain Java, so
 * a test can run two of them against one API server.
 */
public final class ControllerRuntime implements Watches.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControllerRuntime.class);

    /** Everything configurable, already resolved. */
    public record Settings(LeaseElection.Settings lease, Set<String> excludedNamespaces, Duration resync, int workers,
                           Duration backoffInitial, Duration backoffMax) {
    }

    private final Settings settings;
    private final ControllerStatus status;
    private final WorkQueue queue = new WorkQueue();
    private final Watches watches;
    private final LeaseElection election;
    private final Workers workers;
    private final NamespaceFilter namespaces;
    private boolean running;

    public ControllerRuntime(KubernetesClient client, MigrationPlanner planner, Settings settings, MeterRegistry registry,
            ControllerStatus status) {
        this.settings = settings;
        this.status = status;
        Set<String> excluded = new HashSet<>(settings.excludedNamespaces());
        excluded.add(settings.lease().namespace());
        this.namespaces = new NamespaceFilter(excluded, this::labelledIgnore);
        this.watches = new Watches(client, settings.resync(), this, status::apiError);
        this.election = new LeaseElection(client, settings.lease(),
                new LeaseElection.Callbacks(this::startLeading, this::stopLeading, status::leader));
        MigrationMetrics metrics = new MigrationMetrics(registry);
        ActionRunner runner = new ActionRunner(new ActionRunner.Effects(new Fabric8JobCreator(client),
                new Fabric8JobDeleter(client), new Fabric8StatusWriter(client),
                new Fabric8EventRecorder(client, settings.lease().identity()), new Fabric8PodConditionWriter(client)),
                metrics, election::isLeading);
        Reconciler reconciler = new Reconciler(new SnapshotLoader(new ClusterReader(client), planner), runner, namespaces);
        this.workers = new Workers(queue, reconciler, new Backoff(settings.backoffInitial(), settings.backoffMax()), status,
                metrics);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        status.running(settings.lease().identity());
        watches.start();
        workers.start(settings.workers(), "hookwright-" + settings.lease().identity());
        election.start();
        LOG.infof("migration controller started as %s; Lease %s/%s", settings.lease().identity(),
                settings.lease().namespace(), settings.lease().name());
    }

    public boolean isLeading() {
        return election.isLeading();
    }

    public String identity() {
        return settings.lease().identity();
    }

    /** A new leader resyncs: every opted-in Deployment in the cache is reconciled. */
    private void startLeading() {
        status.leading(true);
        watches.allDeployments().forEach(this::deployment);
    }

    private void stopLeading() {
        status.leading(false);
        queue.clear();
    }

    @Override
    public void deployment(Deployment deployment) {
        if (election.isLeading() && namespaces.watches(deployment.getMetadata().getNamespace())) {
            queue.add(deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName());
        }
    }

    @Override
    public void job(Job job) {
        if (election.isLeading()) {
            Ownership.deploymentKeyOf(job).ifPresent(queue::add);
        }
    }

    /** A namespace that stops being ignored gets its Deployments reconciled at once, not at the next resync. */
    @Override
    public void namespace(Namespace namespace) {
        if (election.isLeading() && namespaces.watches(namespace.getMetadata().getName())) {
            watches.deploymentsIn(namespace.getMetadata().getName()).forEach(this::deployment);
        }
    }

    private boolean labelledIgnore(String namespace) {
        return watches.namespace(namespace).map(ns -> ns.getMetadata().getLabels())
                .map(labels -> labels.containsKey(NamespaceFilter.IGNORE_LABEL)).orElse(false);
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        election.close();
        workers.stop();
        queue.close();
        watches.close();
        LOG.infof("migration controller %s stopped", settings.lease().identity());
    }
}
