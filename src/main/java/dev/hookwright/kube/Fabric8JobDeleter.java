package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A raw DELETE, because the client's delete DSL cannot send a uid precondition: the DeleteOptions
 * carry {@code preconditions.uid}, {@code preconditions.resourceVersion} and
 * {@code propagationPolicy: Background}.
 */
public final class Fabric8JobDeleter {
    private final KubernetesClient client;

    public Fabric8JobDeleter(KubernetesClient client) {
        this.client = client;
    }

    public void delete(String namespace, String name, String uid, String resourceVersion) {
        DeleteOptions options = new DeleteOptionsBuilder()
                .withApiVersion("v1").withKind("DeleteOptions")
                .withPropagationPolicy("Background")
                .withNewPreconditions().withUid(uid).withResourceVersion(resourceVersion).endPreconditions()
                .build();
        try {
            client.raw("/apis/batch/v1/namespaces/" + namespace + "/jobs/" + name, "DELETE", options);
        } catch (KubernetesClientException e) {
            if (!ApiErrors.is(e, ApiErrors.NOT_FOUND)) {
                throw e;
            }
        }
    }
}
