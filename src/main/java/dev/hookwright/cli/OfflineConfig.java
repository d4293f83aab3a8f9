package dev.hookwright.cli;

import dev.hookwright.config.HookwrightConfig;
import dev.hookwright.config.MigrationConfig;
import dev.hookwright.config.PolicyConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The server's {@code hookwright.migration.*}, {@code hookwright.policy.*} and {@code hookwright.controller.*} settings without
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
                // The controller's periods are written as the server reads them ("10m", "15s").
                .withConverter(java.time.Duration.class, 100, new DurationConverter())
                .withMapping(MigrationConfig.class)
                .withMapping(PolicyConfig.class)
                .withMapping(HookwrightConfig.class)
                // Server-only keys (hookwright.tls.*, hookwright.dry-run.*) may be set where the
                // offline commands run too, e.g. in the container image: not this command's business.
                .withValidateUnknown(false)
                .build());
    }

    MigrationConfig migration() {
        return config.getConfigMapping(MigrationConfig.class);
    }

    PolicyConfig policy() {
        return config.getConfigMapping(PolicyConfig.class);
    }

    /** The controller's settings: {@code explain} judges a namespace by the same exclusions. */
    HookwrightConfig.Controller controller() {
        return config.getConfigMapping(HookwrightConfig.class).controller();
    }
}
