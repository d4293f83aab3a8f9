package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.kube.ClusterReader;
import dev.hookwright.kube.Fabric8WritePort;
import dev.hookwright.kube.LeaseElection;
import dev.hookwright.kube.PodWatches;
import dev.hookwright.kube.Watches;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One running controller: informers → work queue → workers, gated by the Lease. Plain Java, so
 * a test can run two of them against one API server.
 */
public final class ControllerRuntime implements Watches.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControllerRuntime.class);

    /** Everything configurable, already resolved. */
    public record Settings(LeaseElection.Settings lease, Set<String> excludedNamespaces, Duration resync, int workers,
                           Duration backoffInitial, Duration backoffMax, Duration keepFailed) {
    }

    private final Settings settings;
    private final ControllerStatus status;
    private final WorkQueue<DeploymentKey> queue = new WorkQueue<>();
    private final Watches watches;
    private final LeaseElection election;
    private final Workers workers;
    private final NamespaceFilter namespaces;
    private final ExpectedJobs expected = new ExpectedJobs();
    private final PodWatches<DeploymentKey> gatedPods;
    private final MigrationMetrics metrics;
    private final SeenVersions seen = new SeenVersions();
    private boolean running;

    public ControllerRuntime(KubernetesClient client, MigrationPlanner planner, Settings settings, MeterRegistry registry,
            ControllerStatus status) {
        this.settings = settings;
        this.status = status;
        Set<String> excluded = new HashSet<>(settings.excludedNamespaces());
        excluded.add(settings.lease().namespace());
        this.watches = new Watches(client, settings.resync(), this, status::apiError);
        this.namespaces = new NamespaceFilter(excluded, watches::namespacesSynced, this::labelledIgnore);
        this.election = new LeaseElection(client, settings.lease(),
                new LeaseElection.Callbacks(this::startLeading, this::stopLeading, status::leader));
        this.gatedPods = new PodWatches<>(client, PodGates::waits, this::mustRun);
        this.metrics = new MigrationMetrics(registry);
        Executor executor = new Executor(new Fabric8WritePort(client, settings.lease().identity()), metrics,
                election::isLeading);
        Reconciler reconciler = new Reconciler(new SnapshotLoader(new ClusterReader(client), planner, Clock.systemUTC(), settings.keepFailed()),
                executor, namespaces, this::observed);
        this.workers = new Workers(queue, reconciler, new Backoff<>(settings.backoffInitial(), settings.backoffMax()), status,
                metrics, seen);
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
        watches.allDeployments().forEach(this::mustRun);
    }

    private void stopLeading() {
        status.leading(false);
        queue.clear();
        seen.clear();
        gatedPods.close();
        expected.clear();
        // Only the leader's view is scraped: a replica that stops leading stops reporting per-migration series.
        metrics.forgetAll();
    }

    /** What a reconcile read: which pods to watch, which Job names this Deployment waits for, which versions it saw. */
    private void observed(DeploymentKey key, Optional<Snapshot> snapshot) {
        seen.read(key, snapshot);
        if (snapshot.isEmpty() || snapshot.get().isBeingDeleted()) {
            gatedPods.unwatch(key);
            expected.forget(key);
            return;
        }
        Deployment deployment = snapshot.get().deployment();
        // Watched while a pod may wait: a settled Deployment needs none, a new pod changes its status (and so reconciles it).
        boolean gates = SnapshotLoader.watchesGatedPods(deployment, snapshot.get().plan());
        if (election.isLeading() && gates && deployment.getSpec().getSelector() != null) {
            gatedPods.watch(key, key.namespace(), deployment.getSpec().getSelector());
        } else {
            gatedPods.unwatch(key);
        }
        if (snapshot.get().plan() instanceof Plan.Planned planned) {
            Set<String> names = new HashSet<>();
            Stage.ALL.forEach(stage -> stage.job().of(planned).ifPresent(job -> names.add(job.getMetadata().getName())));
            expected.expect(key, names);
        } else {
            expected.forget(key);
        }
    }

    /** Queued unless its namespace is known to be ignored; one not known yet is judged when reconciled. */
    @Override
    public void deployment(Deployment deployment, Watches.Change change) {
        DeploymentKey key = DeploymentKey.of(deployment);
        if (accepts(key)) {
            queue(key, change, () -> seen.deployment(key, deployment));
        }
    }

    private void mustRun(Deployment deployment) {
        DeploymentKey key = DeploymentKey.of(deployment);
        if (accepts(key)) {
            mustRun(key);
        }
    }

    /** Queued for a version an informer brought ({@code stored}), or to run whatever it read last. */
    private void queue(DeploymentKey key, Watches.Change change, Runnable stored) {
        if (change == Watches.Change.STORED) {
            stored.run();
            queue.add(key);
        } else {
            mustRun(key);
        }
    }

    private void mustRun(DeploymentKey key) {
        seen.mustRun(key);
        queue.add(key);
    }

    private boolean accepts(DeploymentKey key) {
        return election.isLeading() && namespaces.judge(key.namespace()) != NamespaceFilter.Verdict.IGNORED;
    }

    /** A Job's controlling Deployment, or the Deployment whose Job name it has (a hand-written Job in the way). */
    @Override
    public void job(Job job, Watches.Change change) {
        if (election.isLeading()) {
            Ownership.deploymentKeyOf(job)
                    .or(() -> expected.waitingFor(job.getMetadata().getNamespace(), job.getMetadata().getName()))
                    .ifPresent(key -> queue(key, change, () -> seen.job(key, job)));
        }
    }

    /**
     * A namespace that stops being ignored gets its Deployments reconciled at once, not at the next
     * resync; each as the version in the cache, so one whose last reconcile (in a watched namespace)
     * read that very version is not read again (the namespace informer's initial list).
     */
    @Override
    public void namespace(Namespace namespace) {
        if (election.isLeading() && namespaces.watches(namespace.getMetadata().getName())) {
            watches.deploymentsIn(namespace.getMetadata().getName()).forEach(d -> deployment(d, Watches.Change.STORED));
        }
    }

    private boolean labelledIgnore(String namespace) {
        return watches.namespace(namespace).map(ns -> ns.getMetadata().getLabels())
                .map(NamespaceFilter::isIgnored).orElse(false);
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
        gatedPods.close();
        watches.close();
        LOG.infof("migration controller %s stopped", settings.lease().identity());
    }
}
