package dev.hookwright.core.settings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Dns1123;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;
import dev.hookwright.core.naming.JobNames;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code hookwright.dev/*} annotations (docs/reference.md) into {@link MigrationSettings}. Every bad value is
 * collected, not just the first, so one failed {@code helm upgrade} shows them all.
 */
public final class AnnotationReader {
    static final int MAX_RERUN = 63;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
    /** Kubernetes' quantity grammar, non-negative: digits, an optional fraction, a binary or decimal suffix or exponent. */
    private static final Pattern QUANTITY = Pattern.compile(
            "\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,2})?");
    private static final Map<String, SortedSet<HookEvent>> WHEN_SHORTHANDS = Map.of(
            "post", new TreeSet<>(EnumSet.of(HookEvent.POST_INSTALL, HookEvent.POST_UPGRADE)),
            "pre", new TreeSet<>(EnumSet.of(HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE)));
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    static final String ENV_NAME_ACCEPTED = "write letters, digits, '_', '-' and '.', not starting with a digit "
            + "or '..', e.g. SKIP_POST_DEPLOYMENT_MIGRATIONS";
    /** Two values for one name would leave the winner to the parser: refuse them instead. */
    private static final ObjectReader STRICT_READER = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final String WHEN_ACCEPTED = "write post, pre, or a comma list of pre-install, pre-upgrade, "
            + "post-install, post-upgrade";

    private final Map<String, String> annotations;
    private final List<Violation> violations = new ArrayList<>();

    private AnnotationReader(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** The settings, or every violation found. */
    public record Result(Optional<MigrationSettings> settings, List<Violation> violations) {
        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    public static Result read(Map<String, String> annotations, String release, MigrationDefaults defaults) {
        return new AnnotationReader(annotations).readAll(release, defaults);
    }

    private Result readAll(String release, MigrationDefaults defaults) {
        Limits limits = defaults.limits();
        Optional<List<String>> command = stringArray(Keys.COMMAND, true).or(defaults::command);
        // An annotation written as null (unvalidated JSON reaches a mutating webhook) counts as absent.
        if (command.isEmpty() && annotations.get(Keys.COMMAND) == null) {
            violations.add(new Violation(Keys.COMMAND, null, "write the migration command as a JSON array of "
                    + "strings, e.g. [\"node\",\"db/migrate.mjs\"], or configure a default command"));
        }
        List<String> args = stringArray(Keys.ARGS, false).orElse(List.of());
        SortedSet<HookEvent> events = when();
        Integer weight = weight(events);
        Optional<String> container = text(Keys.CONTAINER).filter(name -> !name.isEmpty());
        int backoffLimit = integer(Keys.BACKOFF_LIMIT, defaults.backoffLimit(), 0, limits.maxBackoffLimit());
        Optional<RetryPolicy> retry = retry(limits);
        int deadline = integer(Keys.ACTIVE_DEADLINE_SECONDS, defaults.activeDeadlineSeconds(), 1,
                limits.maxActiveDeadlineSeconds());
        int ttl = integer(Keys.TTL_SECONDS_AFTER_FINISHED, defaults.ttlSecondsAfterFinished(), 0, Integer.MAX_VALUE);
        Optional<String> revision = revision();
        Optional<String> rerun = rerun();
        boolean skip = bool(Keys.SKIP);
        Optional<String> envConfigMap = objectName(Keys.ENV_CONFIGMAP, release + "-env");
        Optional<String> envSecret = objectName(Keys.ENV_SECRET, release + "-secrets");
        Optional<SeedSettings> seed = seed();
        List<String> volumes = volumes();
        Optional<ContainerResources> resources = resources();
        Map<String, String> env = envObject(Keys.ENV).orElse(Map.of());
        Optional<PostDeploySettings> postDeploy = postDeploy();
        if (!violations.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(violations));
        }
        return new Result(Optional.of(new MigrationSettings(command.orElseThrow(), args, events, weight, container,
                retry.map(RetryPolicy::retries).orElse(backoffLimit), deadline, ttl, revision, rerun, skip, envConfigMap,
                envSecret, seed, retry, volumes, resources, env, postDeploy)), List.of());
    }

    /** {@code none} or {@code exponential:<n>}; it owns {@code backoffLimit}, so both together are refused. */
    private Optional<RetryPolicy> retry(Limits limits) {
        String value = annotations.get(Keys.RETRY);
        Optional<String> exitCodes = text(Keys.RETRY_FAIL_EXIT_CODES);
        String normalized = value == null ? "none" : value.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("none")) {
            exitCodes.ifPresent(codes -> reject(Keys.RETRY_FAIL_EXIT_CODES, codes,
                    "set it only together with " + Keys.RETRY + ": exponential:<n>"));
            if (value != null && annotations.containsKey(Keys.BACKOFF_LIMIT)) {
                reject(Keys.RETRY, value, "set either " + Keys.RETRY + " or " + Keys.BACKOFF_LIMIT + ", not both");
            }
            return Optional.empty();
        }
        String accepted = "write none or exponential:<n> with n from 1 to " + limits.maxBackoffLimit();
        if (!normalized.startsWith("exponential:")) {
            reject(Keys.RETRY, value, accepted);
            return Optional.empty();
        }
        String count = normalized.substring("exponential:".length()).trim();
        if (!INTEGER.matcher(count).matches() || Long.parseLong(count) < 1
                || Long.parseLong(count) > limits.maxBackoffLimit()) {
            reject(Keys.RETRY, value, accepted);
            return Optional.empty();
        }
        if (annotations.containsKey(Keys.BACKOFF_LIMIT)) {
            reject(Keys.RETRY, value, "set either " + Keys.RETRY + " or " + Keys.BACKOFF_LIMIT
                    + ", not both: the retry policy sets spec.backoffLimit");
        }
        return Optional.of(new RetryPolicy(Integer.parseInt(count),
                exitCodes.map(this::exitCodes).orElse(RetryPolicy.DEFAULT_FAIL_EXIT_CODES)));
    }

    private List<Integer> exitCodes(String value) {
        SortedSet<Integer> codes = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            String code = part.trim();
            if (!INTEGER.matcher(code).matches() || Long.parseLong(code) < 1 || Long.parseLong(code) > 255) {
                reject(Keys.RETRY_FAIL_EXIT_CODES, value, "write a comma list of exit codes from 1 to 255, e.g. 2,3");
                return RetryPolicy.DEFAULT_FAIL_EXIT_CODES;
            }
            codes.add(Integer.parseInt(code));
        }
        return List.copyOf(codes);
    }

    private Optional<SeedSettings> seed() {
        Optional<List<String>> command = stringArray(Keys.SEED_COMMAND, true);
        List<String> args = stringArray(Keys.SEED_ARGS, false).orElse(List.of());
        SeedSettings.When when = SeedSettings.When.INSTALL;
        String whenValue = annotations.get(Keys.SEED_WHEN);
        if (whenValue != null) {
            String normalized = whenValue.trim().toLowerCase(Locale.ROOT);
            if (normalized.equals("always")) {
                when = SeedSettings.When.ALWAYS;
            } else if (!normalized.equals("install")) {
                reject(Keys.SEED_WHEN, whenValue, "write install (the first revision only) or always");
            }
        }
        if (!annotations.containsKey(Keys.SEED_COMMAND)) {
            for (String orphan : List.of(Keys.SEED_ARGS, Keys.SEED_WHEN)) {
                text(orphan).ifPresent(v -> reject(orphan, v, "set " + Keys.SEED_COMMAND + " too, or remove it"));
            }
        }
        SeedSettings.When seedWhen = when;
        return command.map(c -> new SeedSettings(c, args, seedWhen));
    }

    /** {@code hookwright.dev/volumes}: a JSON list of volume names (DNS-1123 labels), possibly empty. */
    private List<String> volumes() {
        String value = annotations.get(Keys.VOLUMES);
        if (value == null) {
            return List.of();
        }
        Optional<List<String>> names = stringArray(Keys.VOLUMES, false, "write a JSON array of the pod's volume "
                + "names to mount in the migration Job, e.g. [\"data\"]");
        if (names.isPresent() && names.get().stream().anyMatch(name -> !Dns1123.isLabel(name))) {
            reject(Keys.VOLUMES, value, "write a JSON array of the pod's volume names (DNS-1123 labels), e.g. [\"data\"]");
            return List.of();
        }
        return names.orElse(List.of());
    }

    /**
     * {@code hookwright.dev/resources}: {@code {"requests":{…},"limits":{…}}}, each a map of
     * resource name to quantity; a limit below its request is refused, as the API server would.
     */
    private Optional<ContainerResources> resources() {
        String value = annotations.get(Keys.RESOURCES);
        if (value == null) {
            return Optional.empty();
        }
        String accepted = "write JSON {\"requests\":{\"cpu\":\"100m\",\"memory\":\"256Mi\"},\"limits\":{\"memory\":\"512Mi\"}} "
                + "with Kubernetes quantities";
        JsonNode node;
        try {
            node = Json.mapper().readTree(value);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            reject(Keys.RESOURCES, value, accepted);
            return Optional.empty();
        }
        Map<String, Map<String, String>> parts = new java.util.HashMap<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!field.getKey().equals("requests") && !field.getKey().equals("limits") || !field.getValue().isObject()) {
                reject(Keys.RESOURCES, value, accepted);
                return Optional.empty();
            }
            Map<String, String> quantities = new java.util.LinkedHashMap<>();
            for (var quantity : (Iterable<Map.Entry<String, JsonNode>>) field.getValue()::fields) {
                JsonNode amount = quantity.getValue();
                String text = amount.isTextual() ? amount.textValue() : amount.isNumber() ? amount.asText() : "";
                if (quantity.getKey().isEmpty() || text.length() > 64 || !QUANTITY.matcher(text).matches()) {
                    reject(Keys.RESOURCES, value, "write " + field.getKey() + "." + quantity.getKey()
                            + " as a Kubernetes quantity such as \"500m\", \"2\" or \"1Gi\"");
                    return Optional.empty();
                }
                quantities.put(quantity.getKey(), text);
            }
            parts.put(field.getKey(), quantities);
        }
        ContainerResources resources = new ContainerResources(parts.getOrDefault("requests", Map.of()),
                parts.getOrDefault("limits", Map.of()));
        for (var limit : resources.limits().entrySet()) {
            String request = resources.requests().get(limit.getKey());
            if (request != null && new io.fabric8.kubernetes.api.model.Quantity(limit.getValue()).getNumericalAmount()
                    .compareTo(new io.fabric8.kubernetes.api.model.Quantity(request).getNumericalAmount()) < 0) {
                reject(Keys.RESOURCES, value, "limits." + limit.getKey() + " " + limit.getValue() + " is below requests."
                        + limit.getKey() + " " + request + "; a limit must be at least its request");
                return Optional.empty();
            }
        }
        return Optional.of(resources);
    }

    /** The second phase; its args and env without its command are refused, as the seed's are. */
    private Optional<PostDeploySettings> postDeploy() {
        Optional<List<String>> command = stringArray(Keys.POST_DEPLOY_COMMAND, true);
        List<String> args = stringArray(Keys.POST_DEPLOY_ARGS, false).orElse(List.of());
        Map<String, String> env = envObject(Keys.POST_DEPLOY_ENV).orElse(Map.of());
        if (!annotations.containsKey(Keys.POST_DEPLOY_COMMAND)) {
            for (String orphan : List.of(Keys.POST_DEPLOY_ARGS, Keys.POST_DEPLOY_ENV)) {
                text(orphan).ifPresent(v -> reject(orphan, v, "set " + Keys.POST_DEPLOY_COMMAND + " too, or remove it"));
            }
        }
        return command.map(c -> new PostDeploySettings(c, args, env));
    }

    /**
     * A JSON object of environment variable names to strings, in the order written. Names are held
     * to the rule every API server from 1.30 on enforces (the relaxed rule of 1.34 is not there
     * yet on older clusters), so a Job hookwright makes is never refused by the API server.
     */
    private Optional<Map<String, String>> envObject(String key) {
        String value = annotations.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String accepted = "write a JSON object of variable names to strings, e.g. "
                + "{\"SKIP_POST_DEPLOYMENT_MIGRATIONS\":\"true\"}";
        JsonNode node;
        try {
            node = STRICT_READER.readTree(value);
        } catch (JsonProcessingException e) {
            reject(key, value, accepted + " (each name once)");
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            reject(key, value, accepted);
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            String name = entry.getKey();
            if (!isEnvVarName(name)) {
                reject(key, value, "\"" + abbreviated(name) + "\" is not a variable name: " + ENV_NAME_ACCEPTED);
                return Optional.empty();
            }
            if (!entry.getValue().isTextual()) {
                reject(key, value, accepted + "; the value of " + abbreviated(name)
                        + " is not a string (quote numbers and booleans)");
                return Optional.empty();
            }
            env.put(name, entry.getValue().textValue());
        }
        return Optional.of(env);
    }

    /** Kubernetes' {@code IsEnvVarName} before the relaxed rule: {@code [-._a-zA-Z][-._a-zA-Z0-9]*}, not {@code .}, not {@code ..*}. */
    static boolean isEnvVarName(String name) {
        return ENV_VAR_NAME.matcher(name).matches() && !name.equals(".") && !name.startsWith("..");
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    private void reject(String key, String value, String accepted) {
        violations.add(new Violation(key, value, accepted));
    }

    private Optional<List<String>> stringArray(String key, boolean nonEmpty) {
        return stringArray(key, nonEmpty, nonEmpty ? "write a non-empty JSON array of strings, e.g. [\"node\",\"db/migrate.mjs\"]"
                : "write a JSON array of strings, e.g. [\"--verbose\"]");
    }

    private Optional<List<String>> stringArray(String key, boolean nonEmpty, String accepted) {
        String value = annotations.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(value);
            if (node == null || !node.isArray() || (nonEmpty && node.isEmpty())) {
                reject(key, value, accepted);
                return Optional.empty();
            }
            List<String> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    reject(key, value, accepted);
                    return Optional.empty();
                }
                items.add(item.textValue());
            }
            return Optional.of(List.copyOf(items));
        } catch (JsonProcessingException e) {
            reject(key, value, accepted);
            return Optional.empty();
        }
    }

    private SortedSet<HookEvent> when() {
        String value = annotations.get(Keys.WHEN);
        if (value == null) {
            return WHEN_SHORTHANDS.get("post");
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (WHEN_SHORTHANDS.containsKey(normalized)) {
            return WHEN_SHORTHANDS.get(normalized);
        }
        SortedSet<HookEvent> events = new TreeSet<>();
        for (String part : normalized.split(",", -1)) {
            Optional<HookEvent> event = HookEvent.parse(part).filter(HookEvent::isMigrationEvent);
            if (event.isEmpty()) {
                reject(Keys.WHEN, value, WHEN_ACCEPTED);
                return WHEN_SHORTHANDS.get("post");
            }
            events.add(event.get());
        }
        return events;
    }

    private Integer weight(SortedSet<HookEvent> events) {
        String value = annotations.get(Keys.WEIGHT);
        if (value != null) {
            return integer(Keys.WEIGHT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        boolean allPre = events.stream().allMatch(HookEvent::isPre);
        boolean allPost = events.stream().noneMatch(HookEvent::isPre);
        if (!allPre && !allPost) {
            reject(Keys.WEIGHT, null, "write an integer: it is required when hookwright.dev/when mixes "
                    + "pre and post events");
            return 0;
        }
        return allPre ? -10 : 10;
    }

    private int integer(String key, int fallback, int min, int max) {
        String value = annotations.get(key);
        if (value == null) {
            return fallback;
        }
        String accepted = max == Integer.MAX_VALUE
                ? (min == Integer.MIN_VALUE ? "write an integer" : "write an integer of at least " + min)
                : "write an integer from " + min + " to " + max;
        String trimmed = value.trim();
        if (INTEGER.matcher(trimmed).matches()) {
            long parsed = Long.parseLong(trimmed);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        }
        reject(key, value, accepted);
        return fallback;
    }

    private Optional<String> revision() {
        Optional<String> value = text(Keys.REVISION);
        value.filter(revision -> revision.length() > JobNames.MAX_REVISION
                        || !JobNames.REVISION.matcher(revision).matches())
                .ifPresent(bad -> reject(Keys.REVISION, bad, "write at most " + JobNames.MAX_REVISION
                        + " lower-case letters, digits and '-', starting and ending with a letter or digit, "
                        + "e.g. \"{{ .Release.Revision }}\""));
        return value;
    }

    private Optional<String> rerun() {
        Optional<String> value = text(Keys.RERUN).filter(token -> !token.isEmpty());
        value.filter(token -> token.length() > MAX_RERUN)
                .ifPresent(bad -> reject(Keys.RERUN, bad, "write a token of at most " + MAX_RERUN + " characters"));
        return value;
    }

    private boolean bool(String key) {
        String value = annotations.get(key);
        if (value == null) {
            return false;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            reject(key, value, "write \"true\" or \"false\"");
        }
        return normalized.equals("true");
    }

    /** A ConfigMap or Secret name; the empty string turns the reference off. */
    private Optional<String> objectName(String key, String fallback) {
        String value = annotations.get(key);
        if (value == null) {
            return Optional.of(fallback);
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!Dns1123.isSubdomain(value)) {
            reject(key, value, "write the name of an object (a DNS-1123 subdomain), or \"\" for none");
        }
        return Optional.of(value);
    }
}
