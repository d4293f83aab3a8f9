package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.OptIn;
import dev.hookwright.core.ReusedContainer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
        // Compared field by field, never copied: an UPDATE review carries two whole objects.
        return fieldsExcept(oldObject, SERVER_FIELDS).equals(fieldsExcept(newObject, SERVER_FIELDS))
                && fieldsExcept(oldObject.path("metadata"), SERVER_METADATA)
                        .equals(fieldsExcept(newObject.path("metadata"), SERVER_METADATA))
                && annotationsBesideRecords(oldObject).equals(annotationsBesideRecords(newObject));
    }

    /** What the API server maintains, or is compared apart ({@code metadata}). */
    private static final Set<String> SERVER_FIELDS = Set.of("status", "metadata");
    private static final Set<String> SERVER_METADATA = Set.of("resourceVersion", "managedFields", "generation", "annotations");

    private static Map<String, JsonNode> annotationsBesideRecords(JsonNode object) {
        Map<String, JsonNode> annotations = fieldsExcept(object.path("metadata").path("annotations"), Set.of());
        annotations.keySet().removeIf(Keys::isRecord);
        return annotations;
    }

    /** An object's fields but the {@code left} ones, by reference: nothing is copied. */
    private static Map<String, JsonNode> fieldsExcept(JsonNode object, Set<String> left) {
        Map<String, JsonNode> fields = new HashMap<>();
        object.fields().forEachRemaining(field -> {
            if (!left.contains(field.getKey())) {
                fields.put(field.getKey(), field.getValue());
            }
        });
        return fields;
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
