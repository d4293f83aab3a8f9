package dev.hookwright.core;

/**
 * How much input hookwright reads at once. An UPDATE review carries two objects of up to 3 MiB
 * each (etcd's limit), so 8 MiB holds any real review; {@code hookwright check} and
 * {@code /dry-run} hold a {@code helm template} stream to the same limit. The HTTP server's
 * {@code quarkus.http.limits.max-body-size} is set to the same figure, and a test keeps them equal.
 */
public final class InputLimits {
    public static final int MAX_INPUT_BYTES = 8 * 1024 * 1024;
    /** As people write it in messages. */
    public static final String MAX_INPUT_SHOWN = "8 MiB";

    private InputLimits() {
    }
}
