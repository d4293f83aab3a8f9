package dev.hookwright.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A JSON Patch on {@code pods/status} that appends the one condition and touches nothing else,
 * without a resourceVersion test: the kubelet updates a starting pod's status constantly, and a
 * test of its version would make the write fail again and again. A JSON Patch rather than a
 * merge patch, which would replace the kubelet's whole conditions list. A {@code False}
 * condition of the same type already there is replaced in place, guarded by a test of its type
 * at that index, so the entry is never duplicated.
 */
public final class Fabric8PodConditionWriter {
    private final KubernetesClient client;

    public Fabric8PodConditionWriter(KubernetesClient client) {
        this.client = client;
    }

    public void markMigrated(Pod pod) {
        ObjectNode condition = Json.mapper().createObjectNode()
                .put("type", Keys.READINESS_GATE)
                .put("status", "True")
                .put("reason", "MigrationSucceeded")
                .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of() : pod.getStatus().getConditions();
        int existing = -1;
        for (int i = 0; i < conditions.size(); i++) {
            if (Keys.READINESS_GATE.equals(conditions.get(i).getType())) {
                existing = i;
            }
        }
        ArrayNode patch = Json.mapper().createArrayNode();
        if (existing >= 0) {
            String at = "/status/conditions/" + existing;
            patch.addObject().put("op", "test").put("path", at + "/type").put("value", Keys.READINESS_GATE);
            patch.addObject().put("op", "replace").put("path", at).set("value", condition);
        } else if (!conditions.isEmpty()) {
            patch.addObject().put("op", "add").put("path", "/status/conditions/-").set("value", condition);
        } else {
            // A pod with no condition yet (not even PodScheduled): the list is created with ours.
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
