package dev.hookwright.core.policy;

import dev.hookwright.core.settings.Limits;

/**
 * The numbers and choices the rules compare against.
 *
 * @param limits             max {@code backoffLimit} and {@code activeDeadlineSeconds}
 * @param helmTimeoutSeconds the {@code helm --timeout} the installation's releases use
 * @param naming             how the {@code naming} rule reads hook Job names
 */
public record PolicySettings(Limits limits, int helmTimeoutSeconds, NamingPolicy naming) {
    /** Helm's own default {@code --timeout} is 5m0s; names are release-scoped. */
    public static final PolicySettings SHIPPED = new PolicySettings(Limits.SHIPPED, 300, NamingPolicy.RELEASE_SCOPED);

    public PolicySettings {
        if (limits.maxBackoffLimit() < 0 || limits.maxActiveDeadlineSeconds() < 1 || helmTimeoutSeconds < 1) {
            throw new IllegalArgumentException("policy limits must be max backoffLimit >= 0, max "
                    + "activeDeadlineSeconds >= 1 and helm timeout >= 1 second");
        }
        if (naming == null) {
            throw new IllegalArgumentException("a naming policy is required");
        }
    }

    /** With the shipped naming policy, release-scoped. */
    public PolicySettings(Limits limits, int helmTimeoutSeconds) {
        this(limits, helmTimeoutSeconds, NamingPolicy.RELEASE_SCOPED);
    }

    public PolicySettings withHelmTimeoutSeconds(int seconds) {
        return new PolicySettings(limits, seconds, naming);
    }

    public PolicySettings withNaming(NamingPolicy policy) {
        return new PolicySettings(limits, helmTimeoutSeconds, policy);
    }
}
