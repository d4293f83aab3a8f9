package dev.hookwright.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How strictly the {@code naming} rule reads hook Job names: the installation's choice
 * ({@code hookwright.policy.naming}, {@code check --naming}).
 */
public enum NamingPolicy {
    /**
     * Every hook Job's name holds its release's name (two releases in one namespace never share a
     * hook name) and fits a label value (63 characters). Fixed names such as
     * {@code {{ .Release.Name }}-db-migrate} with before-hook-creation pass: the normal Helm pattern.
     */
    RELEASE_SCOPED("release-scoped"),
    /** Migration and seed hooks are named exactly as hookwright names its own Jobs. */
    STRICT("strict"),
    /** No naming rule. */
    OFF("off");

    private final String value;

    NamingPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<NamingPolicy> parse(String text) {
        String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(policy -> policy.value.equals(normalized)).findFirst();
    }

    public static String accepted() {
        return "release-scoped, strict or off";
    }
}
