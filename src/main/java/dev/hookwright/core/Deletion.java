package dev.hookwright.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Whether an object is being deleted: it carries a {@code deletionTimestamp} and waits only for
 * its finalizers. Such an object is always admitted and never planned, so that removing a
 * finalizer can never wedge on hookwright.
 */
public final class Deletion {
    private Deletion() {
    }

    public static boolean isBeingDeleted(ObjectMeta metadata) {
        return metadata != null && metadata.getDeletionTimestamp() != null;
    }

    public static boolean isBeingDeleted(HasMetadata object) {
        return object != null && isBeingDeleted(object.getMetadata());
    }

    /** The same question on an object as the API server sent it. */
    public static boolean isBeingDeleted(JsonNode rawObject) {
        JsonNode timestamp = rawObject.path("metadata").path("deletionTimestamp");
        return !timestamp.isMissingNode() && !timestamp.isNull();
    }
}
