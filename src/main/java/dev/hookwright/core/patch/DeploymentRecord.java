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
     * @return a copy of {@code raw} that shares every subtree it leaves alone: only the objects
     *         on the paths it writes are copied, so neither the copy nor the diff that compares
     *         it with {@code raw} (identical nodes compare at once) costs more than those paths
     */
    public static ObjectNode apply(ObjectNode raw, String jobName, boolean holdsGate) {
        ObjectNode copy = shallowCopy(raw);
        if (jobName != null) {
            copiedChild(copiedChild(copy, "metadata"), "annotations").put(Keys.MIGRATION_JOB, jobName);
        }
        if (holdsGate != hasGate(raw)) {
            ObjectNode podSpec = copiedChild(copiedChild(copiedChild(copy, "spec"), "template"), "spec");
            if (holdsGate) {
                addGate(podSpec);
            } else {
                removeGate(podSpec);
            }
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

    private static void addGate(ObjectNode podSpec) {
        ArrayNode gates = podSpec.get("readinessGates") instanceof ArrayNode existing
                ? podSpec.putArray("readinessGates").addAll(existing) : podSpec.putArray("readinessGates");
        gates.addObject().put("conditionType", Keys.READINESS_GATE);
    }

    private static void removeGate(ObjectNode podSpec) {
        ArrayNode kept = podSpec.arrayNode();
        podSpec.get("readinessGates").forEach(gate -> {
            if (!Keys.READINESS_GATE.equals(gate.path("conditionType").asText())) {
                kept.add(gate);
            }
        });
        if (kept.isEmpty()) {
            podSpec.remove("readinessGates");
        } else {
            podSpec.set("readinessGates", kept);
        }
    }

    /** The child object of a copy, itself copied shallowly so writing to it leaves the original alone. */
    private static ObjectNode copiedChild(ObjectNode copy, String field) {
        ObjectNode child = copy.get(field) instanceof ObjectNode existing ? shallowCopy(existing) : copy.objectNode();
        copy.set(field, child);
        return child;
    }

    private static ObjectNode shallowCopy(ObjectNode node) {
        return node.objectNode().setAll(node);
    }
}
