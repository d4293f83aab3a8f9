package dev.hookwright.controller;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** One Deployment key → read → decide → act. Safe to run twice on the same key, even from two replicas. */
public final class Reconciler {

    /** Thrown while the namespace informer has not synced: the key is tried again after its backoff. */
    public static final class NamespacesNotYetKnown extends RuntimeException {
        NamespacesNotYetKnown(DeploymentKey key) {
            super("the namespaces are not known yet (informer not synced); " + key + " waits", null, false, false);
        }
    }

    private final SnapshotSource loader;
    private final Executor executor;
    private final NamespaceFilter namespaces;
    private final BiConsumer<DeploymentKey, Optional<Snapshot>> observed;

    /**
     * @param observed told of every snapshot read (empty: the Deployment is gone), before its steps
     *                 run: the runtime keeps its watches of gated pods and of the Job names a
     *                 Deployment asks for from it
     */
    public Reconciler(SnapshotSource loader, Executor executor, NamespaceFilter namespaces,
            BiConsumer<DeploymentKey, Optional<Snapshot>> observed) {
        this.loader = loader;
        this.executor = executor;
        this.namespaces = namespaces;
        this.observed = observed;
    }

    public void reconcile(DeploymentKey key) {
        switch (namespaces.judge(key.namespace())) {
            case IGNORED -> {
                executor.forget(key);
                return;
            }
            case NOT_YET_KNOWN -> throw new NamespacesNotYetKnown(key);
            default -> {
            }
        }
        var snapshot = StepFailed.run("read Deployment " + key + " and its Jobs", () -> loader.load(key));
        observed.accept(key, snapshot);
        if (snapshot.isEmpty()) {
            executor.forget(key);
            // Gone: its Jobs go with it; none of them may be held back by hookwright's finalizer.
            List<Step> releases = Decider.orphaned(StepFailed.run("list Jobs of Deployment " + key, () -> loader.jobsOf(key)));
            executor.release(key.namespace(), releases);
            return;
        }
        executor.observe(snapshot.get());
        executor.run(snapshot.get().deployment(), Decider.decide(snapshot.get()));
    }
}
