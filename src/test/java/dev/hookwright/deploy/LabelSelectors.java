package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector evaluated as the API server does for a webhook's
 * namespaceSelector: every matchLabels pair and every matchExpression must hold; NotIn and
 * DoesNotExist hold for a label that is missing.
 */
final class LabelSelectors {
    private LabelSelectors() {
    }

    static boolean matches(JsonNode selector, Map<String, String> labels) {
        var pairs = selector.path("matchLabels").fields();
        while (pairs.hasNext()) {
            var pair = pairs.next();
            if (!pair.getValue().asText().equals(labels.get(pair.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown operator in " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
