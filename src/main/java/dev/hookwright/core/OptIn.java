package dev.hookwright.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.Map;

/**
 * Whether an object asked for hookwright: label {@code hookwright.dev/migrations: enabled}.
 * {@code rendered} (written by {@code hookwright render}) and every other value mean no.
 */
public final class OptIn {
    private OptIn() {
    }

    public static boolean isOptedIn(ObjectMeta metadata) {
        return metadata != null && isOptedIn(metadata.getLabels());
    }

    public static boolean isOptedIn(Map<String, String> labels) {
        return labels != null && Keys.OPT_IN_VALUE.equals(labels.get(Keys.OPT_IN_LABEL));
    }

    /** The same question on an object as the API server sent it. */
    public static boolean isOptedIn(JsonNode rawObject) {
        JsonNode value = rawObject.path("metadata").path("labels").path(Keys.OPT_IN_LABEL);
        return value.isTextual() && Keys.OPT_IN_VALUE.equals(value.textValue());
    }
}
