package dev.hookwright.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.settings.Limits;
import dev.hookwright.core.settings.MigrationDefaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the pure core from configuration, once, as singletons (the core's types are final), and
 * refuses to start on a configuration it cannot use.
 */
@ApplicationScoped
public class CoreProducers {

    @Produces
    @Singleton
    MigrationDefaults migrationDefaults(HookwrightConfig config) {
        return toDefaults(config);
    }

    @Produces
    @Singleton
    MigrationPlanner migrationPlanner(MigrationDefaults defaults) {
        return new MigrationPlanner(defaults);
    }

    @Produces
    @Singleton
    InjectionDecider injectionDecider(MigrationPlanner planner) {
        return new InjectionDecider(planner);
    }

    @Produces
    @Singleton
    DryRun dryRun(InjectionDecider decider, HookPolicy policy) {
        return new DryRun(decider, policy);
    }

    public static MigrationDefaults toDefaults(HookwrightConfig config) {
        HookwrightConfig.Migration migration = config.migration();
        Limits limits = new Limits(config.policy().maxBackoffLimit(), config.policy().maxActiveDeadlineSeconds());
        require(migration.backoffLimit() >= 0 && migration.backoffLimit() <= limits.maxBackoffLimit(),
                "hookwright.migration.backoff-limit must be from 0 to hookwright.policy.max-backoff-limit");
        require(migration.activeDeadlineSeconds() >= 1
                        && migration.activeDeadlineSeconds() <= limits.maxActiveDeadlineSeconds(),
                "hookwright.migration.active-deadline-seconds must be from 1 to "
                        + "hookwright.policy.max-active-deadline-seconds");
        require(migration.ttlSecondsAfterFinished() >= 0, "hookwright.migration.ttl-seconds-after-finished must be >= 0");
        return new MigrationDefaults(
                migration.defaultCommand().map(CoreProducers::commandArray),
                migration.backoffLimit(),
                migration.activeDeadlineSeconds(),
                migration.ttlSecondsAfterFinished(),
                limits,
                migration.disableMeshSidecars() ? MigrationDefaults.SHIPPED_SIDECAR_ANNOTATIONS : Map.of(),
                migration.vaultPrePopulateOnly());
    }

    private static List<String> commandArray(String json) {
        Optional<JsonNode> node;
        try {
            node = Optional.ofNullable(Json.mapper().readTree(json));
        } catch (Exception e) {
            node = Optional.empty();
        }
        List<String> command = new ArrayList<>();
        node.filter(JsonNode::isArray).ifPresent(array -> array.forEach(item -> command.add(item.isTextual()
                ? item.textValue() : null)));
        require(!command.isEmpty() && !command.contains(null),
                "hookwright.migration.default-command must be a non-empty JSON array of strings, e.g. "
                        + "[\"node\",\"db/migrate.mjs\"]");
        return command;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
