package dev.hookwright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import dev.hookwright.core.Json;

import java.io.IOException;
import java.util.Base64;

/**
 * Applies a webhook's patch with an RFC 6902 implementation independent of the one that made
 * it (java-json-tools here, fabric8's zjsonpatch in production), as the API server would.
 */
public final class Patches {
    private Patches() {
    }

    public static JsonNode decode(String base64) {
        try {
            return Json.mapper().readTree(Base64.getDecoder().decode(base64));
        } catch (IOException e) {
            throw new AssertionError("the patch is not JSON", e);
        }
    }

    public static JsonNode apply(JsonNode original, JsonNode patch) {
        try {
            return JsonPatch.fromJson(patch).apply(original);
        } catch (IOException | JsonPatchException e) {
            throw new AssertionError("the patch does not apply to the original object: " + e.getMessage(), e);
        }
    }
}
