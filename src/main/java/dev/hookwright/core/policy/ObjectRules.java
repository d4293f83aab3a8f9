package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Keys;

import java.util.List;
import java.util.Set;

/**
 * The rules on objects that are not hook Jobs: a workload declared as a hook, and a hook
 * delete policy on an object Helm does not treat as a hook.
 */
final class ObjectRules {
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private ObjectRules() {
    }

    /**
     * Helm deletes and recreates a hook on every run of its event (before-hook-creation) and
     * never deletes it on uninstall: a workload there restarts from nothing on each upgrade and
     * outlives the release.
     */
    static List<Finding> hookKind(HookJob object) {
        String kind = object.at("/kind").asText("");
        if (!WORKLOADS.contains(kind) || !object.isHook()) {
            return List.of();
        }
        return Finding.warning(Rules.HOOK_KIND, HookAnnotationRules.HOOK_PATH, kind + " " + Quote.of(object.name())
                + " is a Helm hook: it is recreated on every upgrade and never removed on uninstall; remove "
                + Keys.HELM_HOOK + " (or run the step as a hook Job)");
    }

    /** Helm reads the delete policy of hooks only; on anything else it does nothing. */
    static List<Finding> deletePolicyOnNonHook(HookJob object) {
        if (object.isHook() || object.annotation(Keys.HELM_HOOK_DELETE_POLICY).isEmpty()) {
            return List.of();
        }
        String value = object.annotation(Keys.HELM_HOOK_DELETE_POLICY).get();
        boolean keep = HookJob.helmList(value).contains("keep");
        return Finding.warning(Rules.DELETE_POLICY, HookAnnotationRules.DELETE_POLICY_PATH,
                HookAnnotationRules.DELETE_POLICY_PATH + " is " + Quote.of(value) + " on an object without "
                        + Keys.HELM_HOOK + ", so Helm ignores it; " + (keep
                        ? "to keep the object on uninstall write helm.sh/resource-policy: keep"
                        : "remove it, or add " + Keys.HELM_HOOK + " if this is meant to be a hook"));
    }

    static boolean appliesTo(HookJob object) {
        return !hookKind(object).isEmpty() || !deletePolicyOnNonHook(object).isEmpty();
    }
}
