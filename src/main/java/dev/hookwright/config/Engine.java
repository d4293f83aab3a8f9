package dev.hookwright.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.settings.Limits;
import dev.hookwright.core.settings.MigrationDefaults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure core wired from configuration: the one place it is built, for the server (through
 * {@link CoreProducers}) and for {@code hookwright check} alike, so both answer the same for the
 * same settings. Building it validates the configuration; a value it cannot use is an
 * {@link IllegalStateException} naming the key.
 */
public record Engine(MigrationDefaults defaults, MigrationPlanner planner, InjectionDecider decider, HookPolicy policy,
        DryRun dryRun) {

    public static Engine from(MigrationConfig migration, PolicyConfig policy) {
        PolicySettings policySettings = policySettings(policy);
        MigrationPlanner planner = new MigrationPlanner(migrationDefaults(migration, policySettings.limits()));
        InjectionDecider decider = new InjectionDecider(planner);
        HookPolicy hookPolicy = new HookPolicy(policySettings);
        return new Engine(planner.defaults(), planner, decider, hookPolicy, new DryRun(decider, hookPolicy));
    }

    private static PolicySettings policySettings(PolicyConfig policy) {
        require(policy.maxBackoffLimit() >= 0, "hookwright.policy.max-backoff-limit must be >= 0");
        require(policy.maxActiveDeadlineSeconds() >= 1, "hookwright.policy.max-active-deadline-seconds must be >= 1");
        require(policy.helmTimeoutSeconds() >= 1, "hookwright.policy.helm-timeout-seconds must be >= 1");
        return new PolicySettings(new Limits(policy.maxBackoffLimit(), policy.maxActiveDeadlineSeconds()),
                policy.helmTimeoutSeconds(), policy.naming());
    }

    private static MigrationDefaults migrationDefaults(MigrationConfig migration, Limits limits) {
        require(migration.backoffLimit() >= 0 && migration.backoffLimit() <= limits.maxBackoffLimit(),
                "hookwright.migration.backoff-limit must be from 0 to hookwright.policy.max-backoff-limit");
        require(migration.activeDeadlineSeconds() >= 1
                        && migration.activeDeadlineSeconds() <= limits.maxActiveDeadlineSeconds(),
                "hookwright.migration.active-deadline-seconds must be from 1 to "
                        + "hookwright.policy.max-active-deadline-seconds");
        require(migration.ttlSecondsAfterFinished() >= 0, "hookwright.migration.ttl-seconds-after-finished must be >= 0");
        return new MigrationDefaults(
                migration.defaultCommand().map(Engine::commandArray),
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
