package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.OptIn;
import dev.hookwright.core.ReusedContainer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether an UPDATE touches what hookwright reads: only such an UPDATE is
 * denied for a bad value, so an object stored with one can still be scaled, patched and deleted.
 */
public final class UpdateGuard {
    private UpdateGuard() {
    }

    /**
     * Whether an UPDATE changes nothing but hookwright's records (the controller's own writes:
     * {@code migration-status}, {@code migration-history}, {@code seed-status} …), besides what the
     * API server maintains itself. Such an UPDATE gets no patch and no denial: the controller's
     * record write must never change the spec (a readiness gate added then would roll the pods).
     */
    public static boolean changesOnlyRecords(JsonNode oldObject, JsonNode newObject) {
        return withoutRecords(oldObject).equals(withoutRecords(newObject));
    }

    private static JsonNode withoutRecords(JsonNode object) {
        JsonNode copy = object.deepCopy();
        if (copy instanceof ObjectNode root) {
            root.remove("status");
            if (root.get("metadata") instanceof ObjectNode metadata) {
                metadata.remove(List.of("resourceVersion", "managedFields", "generation"));
                if (metadata.get("annotations") instanceof ObjectNode annotations) {
                    List<String> records = new ArrayList<>();
                    annotations.fieldNames().forEachRemaining(key -> {
                        if (Keys.isRecord(key)) {
                            records.add(key);
                        }
                    });
                    annotations.remove(records);
                    if (annotations.isEmpty()) {
                        metadata.remove("annotations");
                    }
                }
            }
        }
        return copy;
    }

    public static boolean touchesConfiguration(JsonNode oldObject, JsonNode newObject) {
        return changesHookwrightAnnotation(oldObject, newObject)
                || addsOptIn(oldObject, newObject)
                || changesReusedContainer(oldObject, newObject);
    }

    private static boolean changesHookwrightAnnotation(JsonNode oldObject, JsonNode newObject) {
        JsonNode oldAnnotations = oldObject.path("metadata").path("annotations");
        JsonNode newAnnotations = newObject.path("metadata").path("annotations");
        Set<String> keys = new HashSet<>();
        oldAnnotations.fieldNames().forEachRemaining(keys::add);
        newAnnotations.fieldNames().forEachRemaining(keys::add);
        return keys.stream()
                .filter(key -> key.startsWith(Keys.PREFIX) && !Keys.isRecord(key))
                .anyMatch(key -> !Objects.equals(oldAnnotations.get(key), newAnnotations.get(key)));
    }

    private static boolean addsOptIn(JsonNode oldObject, JsonNode newObject) {
        return !OptIn.isOptedIn(oldObject) && OptIn.isOptedIn(newObject);
    }

    private static boolean changesReusedContainer(JsonNode oldObject, JsonNode newObject) {
        return !Objects.equals(ReusedContainer.of(oldObject), ReusedContainer.of(newObject));
    }
}
