package dev.hookwright.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;

/** Expected values written as JSON text, compared as trees. */
final class Expected {
    private Expected() {
    }

    static JsonNode json(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad expected JSON: " + json, e);
        }
    }
}
