package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.hookwright.core.Keys;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A read-only view on the raw JSON of a Job. Rules read the JSON, not a fabric8 model, so that
 * an explicit {@code null}, a string where a number belongs or a missing {@code metadata} is seen
 * exactly as written instead of being defaulted away.
 */
public final class HookJob {
    private final JsonNode job;

    private HookJob(JsonNode job) {
        this.job = job == null ? MissingNode.getInstance() : job;
    }

    public static HookJob of(JsonNode job) {
        return new HookJob(job);
    }

    /** Helm treats an object as a hook when it has the annotation at all, whatever its value. */
    public boolean isHook() {
        return annotation(Keys.HELM_HOOK).isPresent();
    }

    public String name() {
        return job.path("metadata").path("name").asText("");
    }

    public Optional<String> annotation(String key) {
        return text(job.path("metadata").path("annotations").get(key));
    }

    public Optional<String> label(String key) {
        return text(job.path("metadata").path("labels").get(key));
    }

    /** The node at a JSON Pointer such as {@code /spec/backoffLimit}; missing when absent. */
    public JsonNode at(String pointer) {
        return job.at(pointer);
    }

    /** An integer field read as written: unset (absent or null), an integer, or something else. */
    public IntField integer(String pointer) {
        return IntField.of(job.at(pointer));
    }

    /**
     * {@code helm.sh/hook-delete-policy} as Helm reads it: split on commas, each trimmed and
     * lower-cased; empty when the annotation is absent (Helm then uses its default).
     */
    public Optional<List<String>> deletePolicies() {
        return annotation(Keys.HELM_HOOK_DELETE_POLICY).map(HookJob::helmList);
    }

    /** Helm's way with comma lists in hook annotations: {@code strings.Split}, trim, lower case. */
    static List<String> helmList(String value) {
        return Arrays.stream(value.split(",", -1)).map(item -> item.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    /** An integer field: what the rules need to tell "not set" from "not a number" from a value. */
    public record IntField(Kind kind, long value, String shown) {
        public enum Kind { UNSET, INTEGER, NOT_INTEGER }

        static IntField of(JsonNode node) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return new IntField(Kind.UNSET, 0, "not set");
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return new IntField(Kind.INTEGER, node.longValue(), node.asText());
            }
            return new IntField(Kind.NOT_INTEGER, 0, node.isTextual() ? Quote.of(node.textValue()) + " (a string)"
                    : Quote.of(node.toString()));
        }

        public boolean isSet() {
            return kind != Kind.UNSET;
        }
    }
}
