package dev.hookwright.core.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object of a manifest stream and the line its document starts on, so a report
 * can point back into {@code helm template} output.
 */
public record Manifest(ObjectNode object, int line) {

    public String apiVersion() {
        return object.path("apiVersion").asText("");
    }

    public String kind() {
        return object.path("kind").asText("");
    }

    public String name() {
        return object.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }
}
