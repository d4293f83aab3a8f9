package dev.hookwright.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, for as long as it runs: a fabric8
 * {@link LeaderElector} is good for one term, so when a term ends (the Lease could not be renewed
 * in time) a new elector rejoins the election. The Lease is released on {@link #stop()} so a
 * standby takes over without waiting for it to expire.
 */
public final class LeaseElection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseElection.class);

    /** The Lease and its timings. */
    public record Settings(String namespace, String name, String identity, Duration leaseDuration,
                           Duration renewDeadline, Duration retryPeriod) {
    }

    /** What happens when this replica starts or stops leading, and who leads. */
    public record Callbacks(Runnable startLeading, Runnable stopLeading, Consumer<String> newLeader) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Callbacks callbacks;
    private final ExecutorService executor;
    private volatile boolean leading;
    private volatile boolean stopped;
    private CompletableFuture<?> term;

    public LeaseElection(KubernetesClient client, Settings settings, Callbacks callbacks) {
        this.client = client;
        this.settings = settings;
        this.callbacks = callbacks;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "hookwright-lease-" + settings.identity());
            thread.setDaemon(true);
            return thread;
        });
    }

    public synchronized void start() {
        stopped = false;
        join();
    }

    public boolean isLeading() {
        return leading;
    }

    public String identity() {
        return settings.identity();
    }

    private synchronized void join() {
        if (stopped) {
            return;
        }
        LeaderElectionConfig config = new LeaderElectionConfigBuilder()
                .withName(settings.name())
                .withLock(new LeaseLock(settings.namespace(), settings.name(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::ended, callbacks.newLeader()))
                .build();
        LeaderElector elector = client.leaderElector().withConfig(config).build();
        term = elector.start();
        term.whenComplete((ignored, error) -> {
            if (!stopped) {
                LOG.infof("Lease %s/%s: the term of %s ended, rejoining the election", settings.namespace(),
                        settings.name(), settings.identity());
                // Rejoin on a fresh thread after one retry period: never a busy loop against a failing API server.
                CompletableFuture.runAsync(this::join,
                        CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor));
            }
        });
    }

    private void started() {
        leading = true;
        LOG.infof("Lease %s/%s: %s leads the migration controller", settings.namespace(), settings.name(),
                settings.identity());
        callbacks.startLeading().run();
    }

    private void ended() {
        if (!leading) {
            return;
        }
        // First stop acting, then tell: the flag is what every worker checks before each API write.
        leading = false;
        LOG.infof("Lease %s/%s: %s stopped leading", settings.namespace(), settings.name(), settings.identity());
        callbacks.stopLeading().run();
    }

    /** Leaves the election and releases the Lease if held. */
    public void stop() {
        CompletableFuture<?> current;
        synchronized (this) {
            stopped = true;
            current = term;
        }
        if (current != null) {
            current.cancel(true);
        }
        ended();
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
