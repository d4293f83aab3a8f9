package dev.hookwright.core.policy;

import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code hook-events}, {@code hook-weight} and {@code delete-policy}: the annotations Helm reads. */
final class HookAnnotationRules {
    static final String HOOK_PATH = "metadata.annotations[" + Keys.HELM_HOOK + "]";
    static final String WEIGHT_PATH = "metadata.annotations[" + Keys.HELM_HOOK_WEIGHT + "]";
    static final String DELETE_POLICY_PATH = "metadata.annotations[" + Keys.HELM_HOOK_DELETE_POLICY + "]";
    static final List<String> DELETE_POLICIES = List.of("before-hook-creation", "hook-succeeded", "hook-failed");

    /** What Go's strconv.Atoi accepts: an optional sign and digits, no spaces, within int64. */
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");
    /** {@link HookEvent}'s names, written short so a warning stays within 256 characters. */
    private static final String KNOWN_EVENTS = "pre-/post-install, -upgrade, -delete, -rollback, test or test-success";

    private HookAnnotationRules() {
    }

    /** Helm silently drops an event it does not know, so a typo means the hook never runs then. */
    static List<Finding> hookEvents(HookJob job, PolicySettings settings) {
        String value = job.annotation(Keys.HELM_HOOK).orElse("");
        List<String> unknown = HookJob.helmList(value).stream()
                .filter(event -> HookEvent.parse(event).isEmpty()).toList();
        if (unknown.isEmpty()) {
            return List.of();
        }
        return Finding.error(Rules.HOOK_EVENTS, HOOK_PATH, HOOK_PATH + " has " + someOf(unknown)
                + ", unknown to Helm, so the hook never runs on it; write " + KNOWN_EVENTS);
    }

    /**
     * Helm reads the weight with strconv.Atoi and uses 0 on failure, silently. Atoi does not
     * trim, so {@code " 5"} is reported too: Helm would run the hook at weight 0.
     */
    static List<Finding> hookWeight(HookJob job, PolicySettings settings) {
        Optional<String> weight = job.annotation(Keys.HELM_HOOK_WEIGHT);
        if (weight.isEmpty() || isAtoiInteger(weight.get())) {
            return List.of();
        }
        String instead = isAtoiInteger(weight.get().trim()) ? Quote.of(weight.get().trim()) + " (no spaces)"
                : "an integer such as \"5\" or \"-5\"";
        return Finding.error(Rules.HOOK_WEIGHT, WEIGHT_PATH, WEIGHT_PATH + " is " + Quote.of(weight.get())
                + ", not an integer, so Helm runs the hook at weight 0; write " + instead);
    }

    /**
     * Without {@code before-hook-creation} a Job that is left behind makes the next run fail with
     * "already exists"; only deleting it on success and on failure avoids that. Absent means
     * Helm's default (before-hook-creation); empty is one unknown value, so no default.
     */
    static List<Finding> deletePolicy(HookJob job, PolicySettings settings) {
        Optional<List<String>> policies = job.deletePolicies();
        if (policies.isEmpty()) {
            return List.of();
        }
        String value = job.annotation(Keys.HELM_HOOK_DELETE_POLICY).orElseThrow();
        List<String> values = policies.get();
        List<String> unknown = values.stream().filter(policy -> !DELETE_POLICIES.contains(policy)).toList();
        boolean leavesJobBehind = !values.contains("before-hook-creation")
                && !(values.contains("hook-succeeded") && values.contains("hook-failed"));
        if (unknown.isEmpty() && !leavesJobBehind) {
            return List.of();
        }
        String write = "; write \"before-hook-creation,hook-succeeded\"";
        String message;
        if (unknown.isEmpty()) {
            message = DELETE_POLICY_PATH + " is " + Quote.of(value) + "; without before-hook-creation a Job left "
                    + "behind fails the next upgrade with \"already exists\"" + write;
        } else {
            message = DELETE_POLICY_PATH + " has " + someOf(unknown) + ", not a delete policy"
                    + (leavesJobBehind ? ", and no before-hook-creation: a Job left behind fails the next upgrade" : "")
                    + write;
        }
        return Finding.error(Rules.DELETE_POLICY, DELETE_POLICY_PATH, message);
    }

    static boolean isAtoiInteger(String text) {
        return ATOI.matcher(text).matches() && new BigInteger(text).bitLength() < Long.SIZE;
    }

    /** The first value and how many more: a warning is one line of at most 256 characters. */
    private static String someOf(List<String> values) {
        return Quote.of(values.get(0)) + (values.size() > 1 ? " (and " + (values.size() - 1) + " more)" : "");
    }
}
