package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The parts of an AdmissionReview request hookwright reads. The objects stay raw JSON so that
 * patches are diffs against exactly what the API server sent.
 */
public record AdmissionRequest(
        String uid,
        String group,
        String version,
        String kind,
        String operation,
        String namespace,
        String name,
        Optional<ObjectNode> object,
        Optional<ObjectNode> oldObject,
        boolean dryRun) {

    public boolean isKind(String wantedGroup, String wantedVersion, String wantedKind) {
        return wantedGroup.equals(group) && wantedVersion.equals(version) && wantedKind.equals(kind);
    }

    public boolean isCreateOrUpdate() {
        return "CREATE".equals(operation) || "UPDATE".equals(operation);
    }

    /** For logs: kind, namespace, name and uid, never the object. */
    public String describe() {
        return kind + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name
                + " (" + operation + ", uid " + uid + ")";
    }

    /** The name, which a CREATE with {@code generateName} leaves to the object. */
    static String nameOf(String requestName, Optional<ObjectNode> object) {
        String name = requestName;
        if (name.isEmpty() && object.isPresent()) {
            JsonNode metadata = object.get().path("metadata");
            name = metadata.path("name").asText(metadata.path("generateName").asText(""));
        }
        return name;
    }
}
