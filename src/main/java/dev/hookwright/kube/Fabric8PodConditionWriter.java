package dev.hookwright.kube;

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
 * A strategic merge patch on {@code pods/status} with the one condition: the API server merges
 * {@code status.conditions} by {@code type}, so the kubelet's conditions stay as they are, and no
 * resourceVersion is sent, so the kubelet's constant status updates never make the write fail.
 * Writing the same condition twice changes nothing.
 */
public final class Fabric8PodConditionWriter {
    private final KubernetesClient client;

    public Fabric8PodConditionWriter(KubernetesClient client) {
        this.client = client;
    }

    public void markMigrated(Pod pod) {
        ObjectNode patch = Json.mapper().createObjectNode();
        patch.putObject("status").putArray("conditions").addObject()
                .put("type", Keys.READINESS_GATE)
                .put("status", "True")
                .put("reason", "MigrationSucceeded")
                .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString());
        } catch (KubernetesClientException e) {
            // A pod deleted meanwhile needs no condition.
            if (!ApiErrors.is(e, ApiErrors.NOT_FOUND)) {
                throw e;
            }
        }
    }
}
