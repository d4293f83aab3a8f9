package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The webhook's answer for one Deployment, free of any transport: allowed or denied, the
 * warnings, the JSON Patch (only when it changes something) and the plan behind it.
 */
public record Decision(boolean allowed, Optional<String> denial, List<String> warnings, Optional<JsonNode> patch,
        Plan plan) {

    public Decision {
        warnings = List.copyOf(warnings);
    }

    static Decision allow(Plan plan, List<String> warnings) {
        return new Decision(true, Optional.empty(), warnings, Optional.empty(), plan);
    }

    static Decision deny(Plan plan, String message) {
        return new Decision(false, Optional.of(message), List.of(), Optional.empty(), plan);
    }

    static Decision patch(Plan plan, JsonNode patch, List<String> warnings) {
        return patch.isEmpty() ? allow(plan, warnings)
                : new Decision(true, Optional.empty(), warnings, Optional.of(patch), plan);
    }
}
