package dev.hookwright.config;

import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;

/**
 * Builds the engine from configuration the same way for the server and for the offline
 * {@code check} command, so both answer alike for the same settings.
 */
public final class Engines {
    private Engines() {
    }

    public static InjectionDecider decider(HookwrightConfig config) {
        return new InjectionDecider(new MigrationPlanner(CoreProducers.toDefaults(config)));
    }

    public static HookPolicy policy(HookwrightConfig config) {
        return new HookPolicy(PolicyProducers.toSettings(config.policy()));
    }

    public static DryRun dryRun(HookwrightConfig config) {
        return new DryRun(decider(config), policy(config));
    }
}
