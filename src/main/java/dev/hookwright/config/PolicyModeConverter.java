package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a {@link PolicyMode} exactly as it is written in a webhook path ({@code warn}, never
 * {@code WARN}), so the configured default and {@code /validate/{mode}} accept the same words.
 */
public final class PolicyModeConverter implements Converter<PolicyMode> {

    @Override
    public PolicyMode convert(String value) {
        return PolicyMode.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "hookwright.policy.default-mode is \"" + value + "\"; write one of " + PolicyMode.accepted()));
    }
}
