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
    /** Legacy charts (Helm 2 era) label objects {@code release: {{ .Release.Name }}}. */
    static final String LEGACY_RELEASE_LABEL = "release";

    private final JsonNode job;
    private final Optional<String> releaseParameter;

    private HookJob(JsonNode job, Optional<String> releaseParameter) {
        this.job = job == null ? MissingNode.getInstance() : job;
        this.releaseParameter = releaseParameter.filter(release -> !release.isBlank());
    }

    public static HookJob of(JsonNode job) {
        return new HookJob(job, Optional.empty());
    }

    /** @param releaseParameter the dry run's {@code release} parameter; admission has none */
    public static HookJob of(JsonNode job, Optional<String> releaseParameter) {
        return new HookJob(job, releaseParameter);
    }

    /**
     * The release this Job belongs to, as docs/reference.md (Release) finds it (hookwright's annotation, Helm's
     * annotation, the dry run's parameter, the instance label), then a legacy {@code release}
     * label; empty when nothing names it.
     */
    public Optional<String> release() {
        return annotation(Keys.RELEASE).filter(r -> !r.isBlank())
                .or(() -> annotation(Keys.HELM_RELEASE_NAME).filter(r -> !r.isBlank()))
                .or(() -> releaseParameter)
                .or(() -> label(Keys.INSTANCE).filter(r -> !r.isBlank()))
                .or(() -> label(LEGACY_RELEASE_LABEL).filter(r -> !r.isBlank()));
    }

    /** The raw object. */
    public JsonNode node() {
        return job;
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
