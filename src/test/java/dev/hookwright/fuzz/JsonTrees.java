package dev.hookwright.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fuzzer-driven damage to a JSON tree: one node replaced by a value of any type, or removed. */
final class JsonTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** Picks any field or element below {@code root} and replaces or removes it. */
    static void damage(ObjectNode root, FuzzedDataProvider data) {
        List<Map.Entry<JsonNode, Object>> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Map.Entry<JsonNode, Object> slot = slots.get(data.consumeInt(0, slots.size() - 1));
        boolean remove = data.consumeBoolean();
        JsonNode value = value(data, 2);
        if (slot.getKey() instanceof ObjectNode object) {
            String field = (String) slot.getValue();
            if (remove) {
                object.remove(field);
            } else {
                object.set(field, value);
            }
        } else {
            ArrayNode array = (ArrayNode) slot.getKey();
            int index = (Integer) slot.getValue();
            if (remove) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
    }

    /** Every (parent, field name or index) pair of the tree. */
    private static void collect(JsonNode node, List<Map.Entry<JsonNode, Object>> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                slots.add(Map.entry(object, name));
                collect(object.get(name), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(Map.entry(array, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** A value of any JSON type; containers nest at most {@code depth} levels. */
    static JsonNode value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth > 0 ? 7 : 5)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(data.consumeBoolean());
            case 2: return NODES.numberNode(data.consumeLong());
            case 3: return NODES.numberNode(data.consumeDouble());
            case 4: return NODES.textNode(data.consumeString(64));
            case 5: return NODES.textNode("");
            case 6: {
                ArrayNode array = NODES.arrayNode();
                int size = data.consumeInt(0, 3);
                for (int i = 0; i < size; i++) {
                    array.add(value(data, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                int size = data.consumeInt(0, 3);
                for (int i = 0; i < size; i++) {
                    object.set(data.consumeString(16), value(data, depth - 1));
                }
                return object;
            }
        }
    }
}
