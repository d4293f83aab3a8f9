package dev.hookwright.core.manifest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.hookwright.core.Json;
import dev.hookwright.core.UnreadableObjectException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a raw object as its Kubernetes kind, and when it cannot, says so in the user's terms: the
 * field path as Kubernetes writes it, the value found and what belongs there. Never the mapping
 * library's words or class names: those mean nothing to someone reading {@code helm template}
 * output.
 */
public final class KindReader {
    private KindReader() {
    }

    /** Why an object is not readable as its kind: where, what was found, what belongs there. */
    public record Problem(String path, String found, String expected) {
        /** {@code spec.replicas is "two" (a string), where Kubernetes expects an integer}. */
        public String describe() {
            return (path.isEmpty() ? "the object" : path) + " is " + found + ", where Kubernetes expects " + expected;
        }
    }

    /** An object that cannot be read as its kind; the message is the {@link Problem}'s, nothing more. */
    public static final class UnreadableObject extends UnreadableObjectException {
        private final transient Problem problem;

        UnreadableObject(Problem problem) {
            super(problem.describe(), null);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The object as {@code type}, or an {@link UnreadableObject} that says which field is wrong. */
    public static <T> T read(JsonNode object, Class<T> type) {
        try {
            return Json.mapper().treeToValue(object, type);
        } catch (JsonMappingException e) {
            throw new UnreadableObject(problem(object, e));
        } catch (Exception e) {
            throw new UnreadableObject(new Problem("", "not readable", "a Kubernetes object"));
        }
    }

    /** Empty when the object reads as the kind its apiVersion and kind name (any kind, known or not). */
    public static Optional<Problem> check(JsonNode object) {
        try {
            read(object, KubernetesResource.class);
            return Optional.empty();
        } catch (UnreadableObject e) {
            return Optional.of(e.problem());
        }
    }

    private static Problem problem(JsonNode object, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        JsonNode at = object;
        List<JsonMappingException.Reference> references = e.getPath();
        for (JsonMappingException.Reference reference : references) {
            Object from = reference.getFrom();
            if (reference.getFieldName() != null) {
                boolean mapKey = from instanceof Map || from instanceof Class<?> c && Map.class.isAssignableFrom(c);
                path.append(mapKey ? "[" + reference.getFieldName() + "]"
                        : (path.length() == 0 ? "" : ".") + reference.getFieldName());
                at = at == null ? null : at.get(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
                at = at == null ? null : at.get(reference.getIndex());
            }
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new Problem(path.toString(), shown(at), expected(target, path.toString()));
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "not readable";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return "\"" + (text.length() > 32 ? text.substring(0, 32) + "..." : text).replace("\n", "\\n") + "\" (a string)";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a map of fields";
        }
        return value.toString();
    }

    private static String expected(Class<?> target, String path) {
        if (target == null) {
            return path.contains("resources") ? "a quantity such as 500m, 2 or 1Gi" : "another type of value";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class) {
            return "an integer such as 2 (write it without quotes)";
        }
        if (target == Double.class || target == double.class || target == Float.class || target == float.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string (quote it if it looks like a number, a list or a map)";
        }
        if (target == IntOrString.class) {
            return "an integer or a string such as 25%";
        }
        if (target == Quantity.class) {
            return "a quantity such as 500m, 2 or 1Gi";
        }
        if (Map.class.isAssignableFrom(target)) {
            return "a map of key: value pairs";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list of items (- item)";
        }
        return "a map of fields (key: value)";
    }
}
