package dev.hookwright.cli;

import dev.hookwright.kube.ClusterView;
import dev.hookwright.kube.Fabric8ClusterView;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.Optional;

/**
 * A cluster found the way kubectl finds it: {@code KUBECONFIG}, then {@code ~/.kube/config},
 * then the in-cluster service account; {@code --context} picks a context of the kubeconfig.
 *
 * @param defaultNamespace the context's namespace, or {@code default}: what {@code -n} defaults to
 */
record ClusterConnection(ClusterView view, String defaultNamespace, AutoCloseable client) implements AutoCloseable {

    /** Opens a connection; nothing is sent until the first read. */
    @FunctionalInterface
    interface Opener {
        ClusterConnection open(Optional<String> context);
    }

    static ClusterConnection open(Optional<String> context) {
        Config config = Config.autoConfigure(context.orElse(null));
        // A person is waiting: fail in seconds, not after fabric8's retries with back-off.
        config.setConnectionTimeout(10_000);
        config.setRequestTimeout(30_000);
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String namespace = Optional.ofNullable(config.getNamespace()).filter(ns -> !ns.isBlank()).orElse("default");
        return new ClusterConnection(new Fabric8ClusterView(client), namespace, client);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception ignored) {
            // Closing a client that never connected has nothing to report.
        }
    }
}
