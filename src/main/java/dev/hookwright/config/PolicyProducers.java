package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.NamingPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.settings.Limits;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Wires the hook policy from {@code hookwright.policy.*}, at start-up, so a mistyped default mode
 * or an impossible limit stops the process instead of surfacing on the first admission request.
 */
@ApplicationScoped
public class PolicyProducers {

    @Produces
    @Singleton
    @Startup
    HookPolicy hookPolicy(HookwrightConfig config) {
        return new HookPolicy(toSettings(config.policy()));
    }

    /** The mode of plain {@code /validate}. */
    @Produces
    @Singleton
    @Startup
    PolicyMode defaultPolicyMode(HookwrightConfig config) {
        return toMode(config.policy().defaultMode());
    }

    public static PolicySettings toSettings(HookwrightConfig.Policy policy) {
        require(policy.maxBackoffLimit() >= 0, "hookwright.policy.max-backoff-limit must be >= 0");
        require(policy.maxActiveDeadlineSeconds() >= 1, "hookwright.policy.max-active-deadline-seconds must be >= 1");
        require(policy.helmTimeoutSeconds() >= 1, "hookwright.policy.helm-timeout-seconds must be >= 1");
        NamingPolicy naming = NamingPolicy.parse(policy.naming()).orElseThrow(() -> new IllegalStateException(
                "hookwright.policy.naming is \"" + policy.naming() + "\"; write one of " + NamingPolicy.accepted()));
        return new PolicySettings(new Limits(policy.maxBackoffLimit(), policy.maxActiveDeadlineSeconds()),
                policy.helmTimeoutSeconds(), naming);
    }

    public static PolicyMode toMode(String configured) {
        return PolicyMode.parse(configured).orElseThrow(() -> new IllegalStateException(
                "hookwright.policy.default-mode is \"" + configured + "\"; write one of " + PolicyMode.accepted()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
