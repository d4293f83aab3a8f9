package dev.hookwright.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link E2eCluster} before the first story and stops it (every process it
 * started) when the whole run ends: JUnit closes a root-store value once all test classes are
 * done. A JVM shutdown hook stops it too, so an aborted run leaves no etcd behind.
 */
final class ClusterExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(E2eCluster.class, key -> E2eCluster.get(),
                E2eCluster.class);
    }
}
