package dev.hookwright.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hook policy as a table: stable rule id → rule, in the order findings are
 * reported. Adding a rule is adding a row.
 */
public final class Rules {
    public static final String HOOK_EVENTS = "hook-events";
    public static final String HOOK_WEIGHT = "hook-weight";
    public static final String DELETE_POLICY = "delete-policy";
    public static final String NAMING = "naming";
    public static final String DEADLINE = "deadline";
    public static final String BACKOFF = "backoff";
    public static final String CLEANUP = "cleanup";
    public static final String RESTART_POLICY = "restart-policy";
    public static final String DEADLINE_VS_TIMEOUT = "deadline-vs-timeout";
    /** An object hookwright cannot read as its kind (a list where a map belongs, a word for a number). */
    public static final String UNREADABLE = "unreadable";
    /** A Deployment, StatefulSet or DaemonSet declared as a hook. */
    public static final String HOOK_KIND = "hook-kind";

    /** Every policy rule, by id. */
    public static final Map<String, Rule> TABLE = table();

    private Rules() {
    }

    private static Map<String, Rule> table() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put(HOOK_EVENTS, HookAnnotationRules::hookEvents);
        rules.put(HOOK_WEIGHT, HookAnnotationRules::hookWeight);
        rules.put(DELETE_POLICY, HookAnnotationRules::deletePolicy);
        rules.put(NAMING, NamingRule::naming);
        rules.put(DEADLINE, SpecRules::deadline);
        rules.put(BACKOFF, SpecRules::backoff);
        rules.put(CLEANUP, SpecRules::cleanup);
        rules.put(RESTART_POLICY, SpecRules::restartPolicy);
        rules.put(DEADLINE_VS_TIMEOUT, SpecRules::deadlineVsTimeout);
        return Collections.unmodifiableMap(rules);
    }
}
