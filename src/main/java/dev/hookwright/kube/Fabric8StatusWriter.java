package dev.hookwright.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * {@code {"metadata":{"resourceVersion":…,"annotations":{"hookwright.dev/migration-status":…}}}} (or
 * {@code seed-status}):
 * one key, nothing else of the Deployment touched; the resourceVersion makes the API server
 * refuse (409) a write based on a stale read, so a replica that lost the lease cannot put an
 * older status back.
 */
public final class Fabric8StatusWriter implements StatusWriter {
    private final KubernetesClient client;

    public Fabric8StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String write(Deployment deployment, String key, String value) {
        ObjectNode patch = Json.mapper().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("resourceVersion", deployment.getMetadata().getResourceVersion());
        metadata.putObject("annotations").put(key, value);
        Deployment written = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return written.getMetadata().getResourceVersion();
    }
}
