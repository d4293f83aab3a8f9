package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.settings.MigrationDefaults;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands the {@link Engine} to CDI as singletons (the core's types are final). The engine is
 * built at start-up, so a configuration it cannot use stops the process instead of surfacing on
 * the first admission request.
 */
@ApplicationScoped
public class CoreProducers {

    @Produces
    @Singleton
    @Startup
    Engine engine(MigrationConfig migration, PolicyConfig policy) {
        return Engine.from(migration, policy);
    }

    @Produces
    @Singleton
    MigrationDefaults migrationDefaults(Engine engine) {
        return engine.defaults();
    }

    @Produces
    @Singleton
    MigrationPlanner migrationPlanner(Engine engine) {
        return engine.planner();
    }

    @Produces
    @Singleton
    InjectionDecider injectionDecider(Engine engine) {
        return engine.decider();
    }

    @Produces
    @Singleton
    HookPolicy hookPolicy(Engine engine) {
        return engine.policy();
    }

    @Produces
    @Singleton
    DryRun dryRun(Engine engine) {
        return engine.dryRun();
    }

    /** The mode of plain {@code /validate}, read (and refused when unknown) by {@link PolicyModeConverter}. */
    @Produces
    @Singleton
    PolicyMode defaultPolicyMode(PolicyConfig policy) {
        return policy.defaultMode();
    }
}
