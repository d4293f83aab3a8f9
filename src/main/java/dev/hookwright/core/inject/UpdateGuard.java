package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.OptIn;
import dev.hookwright.core.ReusedContainer;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether an UPDATE touches what hookwright reads: only such an UPDATE is
 * denied for a bad value, so an object stored with one can still be scaled, patched and deleted.
 */
public final class UpdateGuard {
    private UpdateGuard() {
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
