package dev.hookwright.kube;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The informers: opted-in Deployments (label selector, resynced periodically), Jobs (hookwright's
 * and any in the way of one) and Namespaces (for the ignore label). They run
 * on every replica so a new leader starts with warm caches; only the leader acts on them.
 */
public final class Watches implements AutoCloseable {
    /** What brought an object to the listener. */
    public enum Change {
        /** Added or updated: the informer saw this resourceVersion for the first time. */
        STORED,
        /** The periodic resync: the same object again, nothing changed. */
        RESYNC,
        /** Deleted (or its final state is unknown). */
        DELETED
    }

    /** What the informers report. */
    public interface Listener {
        void deployment(Deployment deployment, Change change);

        void job(Job job, Change change);

        /** A namespace appeared or its labels changed. */
        void namespace(Namespace namespace);
    }

    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Job> jobs;
    private final SharedIndexInformer<Namespace> namespaces;

    /**
     * @param onError told of every informer error; informers always retry (with their own backoff)
     */
    public Watches(KubernetesClient client, Duration resync, Listener listener, BiConsumer<String, Throwable> onError) {
        deployments = client.apps().deployments().inAnyNamespace().withLabel(Keys.OPT_IN_LABEL, Keys.OPT_IN_VALUE)
                .runnableInformer(resync.toMillis());
        // Every Job, not only hookwright's: a hand-written Job in the way of a Deployment's Job is
        // noticed when it is deleted. The cache holds Jobs only, no pods.
        jobs = client.batch().v1().jobs().inAnyNamespace().runnableInformer(0);
        namespaces = client.namespaces().runnableInformer(0);
        deployments.addEventHandler(handler(listener::deployment));
        jobs.addEventHandler(handler(listener::job));
        namespaces.addEventHandler(handler((namespace, change) -> listener.namespace(namespace)));
        deployments.exceptionHandler(retrying("Deployments", onError));
        jobs.exceptionHandler(retrying("Jobs", onError));
        namespaces.exceptionHandler(retrying("Namespaces", onError));
    }

    public void start() {
        // Namespaces first, so the ignore label is known when the first Deployments arrive.
        namespaces.start();
        deployments.start();
        jobs.start();
    }

    public List<Deployment> deploymentsIn(String namespace) {
        return deployments.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    public List<Deployment> allDeployments() {
        return deployments.getStore().list();
    }

    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.getStore().getByKey(name));
    }

    /** Until then no namespace's labels are known, so none may be acted on. */
    public boolean namespacesSynced() {
        return namespaces.hasSynced();
    }

    public boolean hasSynced() {
        return deployments.hasSynced() && jobs.hasSynced() && namespaces.hasSynced();
    }

    @Override
    public void close() {
        deployments.stop();
        jobs.stop();
        namespaces.stop();
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(BiConsumer<T, Change> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object, Change.STORED);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                boolean same = Objects.equals(oldObject.getMetadata().getResourceVersion(),
                        newObject.getMetadata().getResourceVersion());
                changed.accept(newObject, same ? Change.RESYNC : Change.STORED);
            }

            @Override
            public void onDelete(T object, boolean deletedFinalStateUnknown) {
                changed.accept(object, Change.DELETED);
            }
        };
    }

    private static ExceptionHandler retrying(String what, BiConsumer<String, Throwable> onError) {
        return (started, error) -> {
            onError.accept("watch of " + what, error);
            return true;
        };
    }
}
