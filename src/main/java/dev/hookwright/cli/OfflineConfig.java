package dev.hookwright.cli;

import dev.hookwright.config.HookwrightConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The server's {@code hookwright.*} settings without starting the server: environment
 * variables and system properties ({@code HOOKWRIGHT_MIGRATION_DEFAULT_COMMAND},
 * {@code -Dhookwright.policy.helm-timeout-seconds=600}, …) over the shipped defaults.
 */
final class OfflineConfig {
    private OfflineConfig() {
    }

    static HookwrightConfig load() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                // Durations are written as the server reads them ("30s"), not only ISO-8601.
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(HookwrightConfig.class)
                .build();
        return config.getConfigMapping(HookwrightConfig.class);
    }
}
