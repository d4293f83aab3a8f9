package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One pod watch per Deployment that holds its pods at the {@code pre} gate, with the Deployment's
 * own selector as a server-side label selector, so the API server sends only that Deployment's
 * pods and a pod created after its migration succeeded is released within seconds (not at the
 * next resync). Opened and closed by the reconciles of the leader; a watch that ends is opened
 * again by the next reconcile of its Deployment.
 *
 * @param <K> the key told when a watched pod changes
 */
public final class PodWatches<K> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PodWatches.class);

    private record Open(String namespace, LabelSelector selector, Watch watch) {
    }

    private final KubernetesClient client;
    private final Predicate<Pod> interesting;
    private final Consumer<K> changed;
    private final Map<K, Open> open = new HashMap<>();

    /**
     * @param interesting which pod events matter (a pod that waits at the gate)
     * @param changed     told the key of the Deployment whose pod changed
     */
    public PodWatches(KubernetesClient client, Predicate<Pod> interesting, Consumer<K> changed) {
        this.client = client;
        this.interesting = interesting;
        this.changed = changed;
    }

    public synchronized void watch(K key, String namespace, LabelSelector selector) {
        Open current = open.get(key);
        if (current != null && current.namespace().equals(namespace) && Objects.equals(current.selector(), selector)) {
            return;
        }
        unwatch(key);
        Watch watch = client.pods().inNamespace(namespace).withLabelSelector(selector).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if ((action == Action.ADDED || action == Action.MODIFIED) && interesting.test(pod)) {
                    changed.accept(key);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.debugf("pod watch of %s ended (%s); the next reconcile opens it again", key, cause.getMessage());
                forget(key);
            }
        });
        open.put(key, new Open(namespace, selector, watch));
    }

    private synchronized void forget(K key) {
        open.remove(key);
    }

    public synchronized void unwatch(K key) {
        Open current = open.remove(key);
        if (current != null) {
            current.watch().close();
        }
    }

    public synchronized int size() {
        return open.size();
    }

    @Override
    public synchronized void close() {
        open.values().forEach(o -> o.watch().close());
        open.clear();
    }
}
