package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.inject.MigrationPlanner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands the {@link Engine} to CDI. It is built at start-up, so a configuration it cannot use
 * stops the process instead of surfacing on the first admission request. The web resources take
 * the engine itself; the planner is produced on its own for the controller.
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
    MigrationPlanner migrationPlanner(Engine engine) {
        return engine.planner();
    }

    /** The mode of plain {@code /validate}, read (and refused when unknown) by {@link PolicyModeConverter}. */
    @Produces
    @Singleton
    PolicyMode defaultPolicyMode(PolicyConfig policy) {
        return policy.defaultMode();
    }
}
