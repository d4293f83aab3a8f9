package dev.hookwright.deploy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/** Small, explicit edits of JSON fixtures: a copy with one thing changed, named by a JSON Pointer. */
final class Objects {
    private Objects() {
    }

    static JsonNode with(JsonNode original, Consumer<ObjectNode> edit) {
        ObjectNode copy = original.deepCopy();
        edit.accept(copy);
        return copy;
    }

    /** Sets {@code pointer} (e.g. {@code /spec/template/spec/hostPID}) to {@code json}, creating objects on the way. */
    static JsonNode set(JsonNode original, String pointer, String json) {
        return with(original, copy -> {
            JsonPointer path = JsonPointer.compile(pointer);
            ObjectNode parent = parent(copy, path);
            parent.set(path.last().getMatchingProperty(), Expected.json(json));
        });
    }

    static JsonNode remove(JsonNode original, String pointer) {
        return with(original, copy -> {
            JsonPointer path = JsonPointer.compile(pointer);
            JsonNode parent = copy.at(path.head());
            if (parent instanceof ObjectNode object) {
                object.remove(path.last().getMatchingProperty());
            } else if (parent instanceof ArrayNode array) {
                array.remove(path.last().getMatchingIndex());
            } else {
                throw new IllegalArgumentException("nothing at " + pointer);
            }
        });
    }

    /** Appends {@code json} to the array at {@code pointer}, creating it when missing. */
    static JsonNode append(JsonNode original, String pointer, String json) {
        return with(original, copy -> {
            JsonPointer path = JsonPointer.compile(pointer);
            ObjectNode parent = parent(copy, path);
            JsonNode existing = parent.get(path.last().getMatchingProperty());
            ArrayNode array = existing instanceof ArrayNode a ? a : parent.putArray(path.last().getMatchingProperty());
            array.add(Expected.json(json));
        });
    }

    private static ObjectNode parent(ObjectNode root, JsonPointer path) {
        ObjectNode node = root;
        JsonPointer rest = path;
        while (rest.tail() != null && !rest.tail().matches()) {
            String name = rest.getMatchingProperty();
            JsonNode next = node.get(name);
            if (next instanceof ArrayNode array) {
                rest = rest.tail();
                next = array.get(rest.getMatchingIndex());
            }
            node = next instanceof ObjectNode o ? o : node.putObject(name);
            rest = rest.tail();
        }
        return node;
    }
}
