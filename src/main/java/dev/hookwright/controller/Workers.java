package dev.hookwright.controller;

import dev.hookwright.kube.ApiErrors;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads that take keys from the queue and reconcile them. An error never stops a worker: the
 * key comes back after its backoff delay, so a broken API server is neither a busy loop nor a
 * crash loop. Each distinct error of a key is logged once, at WARN.
 */
public final class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final WorkQueue<DeploymentKey> queue;
    private final Reconciler reconciler;
    private final Backoff<DeploymentKey> backoff;
    private final ControllerStatus status;
    private final MigrationMetrics metrics;
    private final SeenVersions seen;
    private final Map<DeploymentKey, String> logged = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    public Workers(WorkQueue<DeploymentKey> queue, Reconciler reconciler, Backoff<DeploymentKey> backoff, ControllerStatus status,
            MigrationMetrics metrics) {
        this(queue, reconciler, backoff, status, metrics, new SeenVersions());
    }

    /** @param seen why keys were queued: one that brings nothing its last successful reconcile did not read is skipped */
    Workers(WorkQueue<DeploymentKey> queue, Reconciler reconciler, Backoff<DeploymentKey> backoff, ControllerStatus status,
            MigrationMetrics metrics, SeenVersions seen) {
        this.queue = queue;
        this.reconciler = reconciler;
        this.backoff = backoff;
        this.status = status;
        this.metrics = metrics;
        this.seen = seen;
    }

    public synchronized void start(int count, String name) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, name + "-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    public synchronized void stop() {
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Optional<DeploymentKey> key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key.isEmpty()) {
                return;
            }
            try {
                process(key.get());
            } finally {
                queue.done(key.get());
            }
        }
    }

    void process(DeploymentKey key) {
        if (!seen.worthReconciling(key)) {
            LOG.debugf("Deployment %s: nothing its last reconcile did not read", key);
            return;
        }
        try {
            reconciler.reconcile(key);
            seen.succeeded(key);
            backoff.forget(key);
            status.apiSuccess();
            metrics.reconciled(key.namespace(), true);
            if (logged.remove(key) != null) {
                LOG.infof("Deployment %s reconciled again after an error", key);
            }
        } catch (Executor.NotLeading e) {
            seen.failed(key);
            LOG.debugf("Deployment %s: dropped, this replica no longer leads", key);
        } catch (Reconciler.NamespacesNotYetKnown e) {
            seen.failed(key);
            LOG.debugf("Deployment %s: %s", key, e.getMessage());
            queue.addAfter(key, backoff.next(key));
        } catch (RuntimeException e) {
            seen.failed(key);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Duration delay = backoff.next(key);
            metrics.reconciled(key.namespace(), false);
            if (ApiErrors.is(e, ApiErrors.CONFLICT)) {
                // A write based on a read that is no longer current: read again soon, nothing is wrong.
                LOG.debugf("Deployment %s changed while it was reconciled; again in %s", key, delay);
            } else {
                status.apiError("Deployment " + key, e);
                String text = e instanceof StepFailed ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
                if (!text.equals(logged.put(key, text))) {
                    LOG.warnf("Deployment %s: reconcile failed, retrying with backoff (next in %s): %s", key, delay, text);
                } else {
                    LOG.debugf("Deployment %s: same error again, next try in %s", key, delay);
                }
            }
            queue.addAfter(key, delay);
        }
    }
}
