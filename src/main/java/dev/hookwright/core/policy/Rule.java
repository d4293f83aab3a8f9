package dev.hookwright.core.policy;

import java.util.List;

/** One row of the policy table: a Job in, its findings for this rule out (none when it passes). */
@FunctionalInterface
public interface Rule {
    List<Finding> check(HookJob job, PolicySettings settings);
}
