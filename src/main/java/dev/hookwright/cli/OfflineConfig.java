package dev.hookwright.cli;

import dev.hookwright.config.MigrationConfig;
import dev.hookwright.config.PolicyConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The server's {@code hookwright.migration.*} and {@code hookwright.policy.*} settings without
 * starting the server: environment variables and system properties
 * ({@code HOOKWRIGHT_MIGRATION_DEFAULT_COMMAND}, {@code -Dhookwright.policy.helm-timeout-seconds=600}, …)
 * over the shipped defaults.
 */
final class OfflineConfig {
    private final SmallRyeConfig config;

    private OfflineConfig(SmallRyeConfig config) {
        this.config = config;
    }

    static OfflineConfig load() {
        return new OfflineConfig(new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withMapping(MigrationConfig.class)
                .withMapping(PolicyConfig.class)
                .build());
    }

    MigrationConfig migration() {
        return config.getConfigMapping(MigrationConfig.class);
    }

    PolicyConfig policy() {
        return config.getConfigMapping(PolicyConfig.class);
    }
}
