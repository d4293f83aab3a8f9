package dev.hookwright.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hookwright.dry-run.*}: the {@code POST /dry-run} endpoint of the server. */
@ConfigMapping(prefix = "hookwright.dry-run")
public interface DryRunConfig {

    /**
     * false: {@code /dry-run} answers 404. The chart's {@code dryRun.enabled}, for clusters whose CI
     * runs {@code hookwright check} and that want no parser of arbitrary YAML reachable in-cluster.
     */
    @WithDefault("true")
    boolean enabled();
}
