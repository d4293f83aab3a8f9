package dev.hookwright.config;

import dev.hookwright.core.policy.NamingPolicy;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@code hookwright.policy.naming}: {@code release-scoped}, {@code strict} or {@code off}. */
public final class NamingPolicyConverter implements Converter<NamingPolicy> {

    @Override
    public NamingPolicy convert(String value) {
        return NamingPolicy.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "hookwright.policy.naming is \"" + value + "\"; write one of " + NamingPolicy.accepted()));
    }
}
