package dev.hookwright.core.policy;

import dev.hookwright.core.settings.Limits;

/**
 * The numbers the rules compare against.
 *
 * @param limits             max {@code backoffLimit} and {@code activeDeadlineSeconds}
 * @param helmTimeoutSeconds the {@code helm --timeout} the installation's releases use
 */
public record PolicySettings(Limits limits, int helmTimeoutSeconds) {
    /** Helm's own default {@code --timeout} is 5m0s. */
    public static final PolicySettings SHIPPED = new PolicySettings(Limits.SHIPPED, 300);

    public PolicySettings {
        if (limits.maxBackoffLimit() < 0 || limits.maxActiveDeadlineSeconds() < 1 || helmTimeoutSeconds < 1) {
            throw new IllegalArgumentException("policy limits must be max backoffLimit >= 0, max "
                    + "activeDeadlineSeconds >= 1 and helm timeout >= 1 second");
        }
    }
}
