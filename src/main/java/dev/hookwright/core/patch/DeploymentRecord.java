package dev.hookwright.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;

/**
 * What the webhook writes into a Deployment, applied to a copy of the raw request object: the
 * {@code migration-job} record and the {@code pre} readiness gate. {@link JsonPatches} turns
 * the difference into the patch.
 */
public final class DeploymentRecord {
    private DeploymentRecord() {
    }

    /**
     * @param jobName   the Job to record, or {@code null} to leave the record as it is
     * @param holdsGate whether the pod template must carry the readiness gate
     */
    public static ObjectNode apply(ObjectNode raw, String jobName, boolean holdsGate) {
        ObjectNode copy = raw.deepCopy();
        if (jobName != null) {
            child(child(copy, "metadata"), "annotations").put(Keys.MIGRATION_JOB, jobName);
        }
        if (holdsGate) {
            addGate(copy);
        } else {
            removeGate(copy);
        }
        return copy;
    }

    /** Whether the pod template carries hookwright's readiness gate. */
    public static boolean hasGate(JsonNode raw) {
        JsonNode gates = raw.path("spec").path("template").path("spec").path("readinessGates");
        for (JsonNode gate : gates) {
            if (Keys.READINESS_GATE.equals(gate.path("conditionType").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void addGate(ObjectNode deployment) {
        if (hasGate(deployment)) {
            return;
        }
        ObjectNode podSpec = child(child(child(deployment, "spec"), "template"), "spec");
        JsonNode existing = podSpec.get("readinessGates");
        ArrayNode gates = existing instanceof ArrayNode array ? array : podSpec.putArray("readinessGates");
        gates.addObject().put("conditionType", Keys.READINESS_GATE);
    }

    private static void removeGate(ObjectNode deployment) {
        if (!hasGate(deployment)) {
            return;
        }
        ObjectNode podSpec = (ObjectNode) deployment.get("spec").get("template").get("spec");
        ArrayNode gates = (ArrayNode) podSpec.get("readinessGates");
        for (int i = gates.size() - 1; i >= 0; i--) {
            if (Keys.READINESS_GATE.equals(gates.get(i).path("conditionType").asText())) {
                gates.remove(i);
            }
        }
        if (gates.isEmpty()) {
            podSpec.remove("readinessGates");
        }
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ObjectNode object ? object : parent.putObject(field);
    }
}
