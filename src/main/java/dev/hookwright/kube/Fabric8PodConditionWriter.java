package dev.hookwright.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A JSON Patch on {@code pods/status} that appends the condition to the pod as it was read:
 * a {@code test} of its resourceVersion first, so a pod the kubelet changed meanwhile is read
 * again rather than overwritten. A merge patch would replace the kubelet's whole conditions
 * list; a JSON Patch adds one entry and touches nothing else.
 */
public final class Fabric8PodConditionWriter implements PodConditionWriter {
    private final KubernetesClient client;

    public Fabric8PodConditionWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void markMigrated(Pod pod) {
        ObjectNode condition = Json.mapper().createObjectNode()
                .put("type", Keys.READINESS_GATE)
                .put("status", "True")
                .put("reason", "MigrationSucceeded")
                .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
                .put("value", pod.getMetadata().getResourceVersion());
        boolean hasConditions = pod.getStatus() != null && pod.getStatus().getConditions() != null
                && !pod.getStatus().getConditions().isEmpty();
        if (hasConditions) {
            patch.addObject().put("op", "add").put("path", "/status/conditions/-").set("value", condition);
        } else {
            patch.addObject().put("op", "add").put("path", "/status/conditions").putArray("value").add(condition);
        }
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON), patch.toString());
        } catch (KubernetesClientException e) {
            // A pod deleted meanwhile needs no condition.
            if (!ApiErrors.is(e, ApiErrors.NOT_FOUND)) {
                throw e;
            }
        }
    }
}
