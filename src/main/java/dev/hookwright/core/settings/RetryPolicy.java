package dev.hookwright.core.settings;

import java.util.List;

/**
 * {@code hookwright.dev/retry: exponential:<n>}: up to {@code n} pod retries, which Kubernetes
 * spaces 10 s, 20 s, 40 s … capped at 6 min, except on exit codes that mean the script itself
 * is broken.
 *
 * @param retries       {@code spec.backoffLimit}
 * @param failExitCodes exit codes that fail the Job at once: sorted, unique, 1–255
 */
public record RetryPolicy(int retries, List<Integer> failExitCodes) {
    public static final List<Integer> DEFAULT_FAIL_EXIT_CODES = List.of(2);
    private static final int FIRST_DELAY_SECONDS = 10;
    private static final int MAX_DELAY_SECONDS = 360;

    public RetryPolicy {
        failExitCodes = List.copyOf(failExitCodes);
    }

    /** Σ min(10·2^i, 360) for i < retries: the least time the retries need besides running. */
    public long backoffSeconds() {
        long total = 0;
        long delay = FIRST_DELAY_SECONDS;
        for (int i = 0; i < retries; i++) {
            total += Math.min(delay, MAX_DELAY_SECONDS);
            delay = Math.min(delay * 2, MAX_DELAY_SECONDS);
        }
        return total;
    }
}
