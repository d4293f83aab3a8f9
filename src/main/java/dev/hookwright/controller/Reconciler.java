package dev.hookwright.controller;

/** One Deployment key → read → decide → act. Safe to run twice on the same key, even from two replicas. */
public final class Reconciler {
    private final SnapshotSource loader;
    private final ActionRunner runner;
    private final NamespaceFilter namespaces;

    public Reconciler(SnapshotSource loader, ActionRunner runner, NamespaceFilter namespaces) {
        this.loader = loader;
        this.runner = runner;
        this.namespaces = namespaces;
    }

    /** @param key {@code namespace/name} */
    public void reconcile(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        if (!namespaces.watches(namespace)) {
            return;
        }
        StepFailed.run("read Deployment " + key + " and its Jobs", () -> loader.load(namespace, key.substring(slash + 1)))
                .ifPresent(snapshot -> runner.run(snapshot.deployment(), MigrationDecider.decide(snapshot)));
    }
}
