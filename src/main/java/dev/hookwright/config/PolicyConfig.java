package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.policy.NamingPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code hookwright.policy.*}: the limits of the hook policy (shared with the annotations'
 * accepted ranges) and the mode of plain {@code /validate}. A value out of range or an unknown
 * mode stops the process at start-up, never on the first request.
 */
@ConfigMapping(prefix = "hookwright.policy")
public interface PolicyConfig {

    /** Largest accepted {@code backoffLimit}, for annotations and the {@code backoff} rule; 0 or more. */
    @WithDefault("6")
    int maxBackoffLimit();

    /** Largest accepted {@code activeDeadlineSeconds}, for annotations and the {@code deadline} rule; 1 or more. */
    @WithDefault("3600")
    int maxActiveDeadlineSeconds();

    /** The {@code helm --timeout} the installation's releases use, for {@code deadline-vs-timeout}; 1 or more. */
    @WithDefault("300")
    int helmTimeoutSeconds();

    /** The mode of plain {@code /validate}: {@code enforce}, {@code warn} or {@code off}, exactly so. */
    @WithDefault("warn")
    @WithConverter(PolicyModeConverter.class)
    PolicyMode defaultMode();

    /**
     * How the {@code naming} rule reads hook Job names: {@code release-scoped} (a hook Job's name
     * holds its release's name and fits 63 characters), {@code strict} (migration and seed hooks
     * named exactly as hookwright names its own Jobs) or {@code off}.
     */
    @WithDefault("release-scoped")
    @WithConverter(NamingPolicyConverter.class)
    NamingPolicy naming();
}
