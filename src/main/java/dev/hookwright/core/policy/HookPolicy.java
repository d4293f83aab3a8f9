package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hook policy: every rule of {@link Rules#TABLE} over one Job, every finding reported.
 * Which Jobs it applies to ({@link #appliesTo}) is decided in front of the rules, not inside them.
 */
public final class HookPolicy {
    private final PolicySettings settings;
    private final Map<String, Rule> rules;

    public HookPolicy(PolicySettings settings) {
        this(settings, Rules.TABLE);
    }

    HookPolicy(PolicySettings settings, Map<String, Rule> rules) {
        this.settings = settings;
        this.rules = rules;
    }

    public PolicySettings settings() {
        return settings;
    }

    /** The policy is about Helm hooks: a Job without {@code helm.sh/hook} is none of its business. */
    public static boolean appliesTo(JsonNode job) {
        return HookJob.of(job).isHook();
    }

    /** Every finding of every rule, in table order; empty when the Job passes. */
    public List<Finding> check(JsonNode job) {
        HookJob hookJob = HookJob.of(job);
        List<Finding> findings = new ArrayList<>();
        rules.values().forEach(rule -> findings.addAll(rule.check(hookJob, settings)));
        return List.copyOf(findings);
    }
}
