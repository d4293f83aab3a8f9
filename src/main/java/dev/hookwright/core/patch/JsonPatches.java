package dev.hookwright.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;

import java.util.EnumSet;

/**
 * The only place a JSON Patch is made: an RFC 6902 diff of the raw request object against its
 * mutated copy, so paths are escaped by a library ({@code /} → {@code ~1}, {@code ~} → {@code ~0})
 * and fields hookwright never read cannot leak in or out.
 */
public final class JsonPatches {
    /** add/remove/replace only, without the removed value: the API server applies the rest too, but they hide intent. */
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE, DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION);

    private JsonPatches() {
    }

    /** The operations that turn {@code original} into {@code mutated}; an empty array when equal. */
    public static JsonNode diff(JsonNode original, JsonNode mutated) {
        return JsonDiff.asJson(original, mutated, FLAGS);
    }
}
