package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.manifest.KindReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hook policy: every rule of {@link Rules#TABLE} over one hook Job, every finding reported;
 * and the rules on other objects ({@code hook-kind}, {@code delete-policy} on a non-hook).
 * Which objects it applies to ({@link #appliesTo}) is decided in front of the rules, not inside them.
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

    /** The same policy with other settings (the CLI's {@code --naming}, {@code --helm-timeout}). */
    public HookPolicy with(PolicySettings other) {
        return new HookPolicy(other, rules);
    }

    /**
     * A batch/v1 Job with {@code helm.sh/hook}: what the rule table checks. An object without
     * apiVersion is taken at its kind (admission has already said what it is).
     */
    public static boolean isHookJob(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        return (apiVersion.isEmpty() || "batch/v1".equals(apiVersion)) && "Job".equals(object.path("kind").asText())
                && HookJob.of(object).isHook();
    }

    /**
     * Whether the policy has anything to say: a hook Job, a workload declared as a hook, or a
     * delete policy on an object that is no hook. Anything else is none of its business.
     */
    public static boolean appliesTo(JsonNode object) {
        return isHookJob(object) || ObjectRules.appliesTo(HookJob.of(object));
    }

    /** Every finding, in table order; empty when the object passes. */
    public List<Finding> check(JsonNode object) {
        return check(object, Optional.empty());
    }

    /**
     * @param releaseParameter the dry run's {@code release} parameter, for the naming rule; admission has none
     */
    public List<Finding> check(JsonNode object, Optional<String> releaseParameter) {
        HookJob hookJob = HookJob.of(object, releaseParameter);
        List<Finding> findings = new ArrayList<>();
        if (!isHookJob(object)) {
            findings.addAll(ObjectRules.hookKind(hookJob));
            findings.addAll(ObjectRules.deletePolicyOnNonHook(hookJob));
            return List.copyOf(findings);
        }
        rules.values().forEach(rule -> findings.addAll(rule.check(hookJob, settings)));
        // A Job Kubernetes cannot read is refused by the API server whatever the rules say; a
        // field a rule already reported (a string backoffLimit) is not reported twice.
        KindReader.check(object)
                .filter(problem -> findings.stream().noneMatch(finding -> finding.path().equals(problem.path())))
                .ifPresent(problem -> findings.add(0, new Finding(Rules.UNREADABLE, Severity.ERROR,
                        problem.describe() + "; fix the value in the chart", problem.path())));
        return List.copyOf(findings);
    }
}
