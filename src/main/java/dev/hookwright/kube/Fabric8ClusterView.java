package dev.hookwright.kube;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ClusterView} through fabric8: straight reads, each API error turned into a one-line {@link ClusterView.Unreachable}. */
public final class Fabric8ClusterView implements ClusterView {
    private final KubernetesClient client;
    private final ClusterReader reader;

    public Fabric8ClusterView(KubernetesClient client) {
        this.client = client;
        this.reader = new ClusterReader(client);
    }

    @Override
    public List<Deployment> optedIn(Optional<String> namespace) {
        return read("list Deployments", () -> namespace
                .map(ns -> client.apps().deployments().inNamespace(ns).withLabel(Keys.OPT_IN_LABEL, Keys.OPT_IN_VALUE).list())
                .orElseGet(() -> client.apps().deployments().inAnyNamespace().withLabel(Keys.OPT_IN_LABEL, Keys.OPT_IN_VALUE)
                        .list())
                .getItems());
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return read("get Deployment " + namespace + "/" + name, () -> reader.deployment(namespace, name));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return read("get Namespace " + name, () -> Optional.ofNullable(client.namespaces().withName(name).get()));
    }

    @Override
    public List<Job> jobsOf(Deployment deployment) {
        return read("list Jobs in " + deployment.getMetadata().getNamespace(), () -> reader.jobsOf(deployment));
    }

    @Override
    public List<Pod> podsOf(Deployment deployment) {
        return read("list Pods in " + deployment.getMetadata().getNamespace(), () -> reader.podsSelectedBy(deployment));
    }

    private <T> T read(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new Unreachable("cannot " + what + ": " + describe(e));
        }
    }

    /** fabric8's messages carry the whole request; a person needs the status or the connection error. */
    static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : "HTTP " + e.getCode();
            return switch (e.getCode()) {
                case 401 -> "unauthorized (check the kubeconfig's credentials): " + reason;
                case 403 -> "forbidden: " + reason;
                default -> reason;
            };
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "no answer from the API server (" + detail + ")";
    }
}
