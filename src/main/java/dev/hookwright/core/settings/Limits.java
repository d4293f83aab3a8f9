package dev.hookwright.core.settings;

/**
 * The policy maxima an installation configures; the same numbers bound the annotations of
 * the annotations and the {@code deadline} and {@code backoff} policy rules.
 */
public record Limits(int maxBackoffLimit, int maxActiveDeadlineSeconds) {
    public static final Limits SHIPPED = new Limits(6, 3600);
}
