package dev.hookwright.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded polling for the eventually-consistent facts of a real cluster. Waits are generous
 * (the control plane shares two cores with the build) but never unbounded; a timeout names what
 * was awaited and the last value seen.
 */
final class Await {
    private static final Duration POLL = Duration.ofMillis(250);

    private Await() {
    }

    /** Polls until {@code probe} returns a present value; returns it. */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                last = null;
            } catch (RuntimeException e) {
                last = e; // the API may be briefly unavailable; retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + E2eCluster.diagnostics());
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            sleep(POLL);
        }
    }

    /** Polls until {@code condition} holds. */
    static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Checks that {@code violation} stays empty for the whole of {@code window}: how a test shows
     * that something does NOT happen (a Job is not created again) on a cluster that would need
     * some seconds to do it.
     */
    static void never(String what, Duration window, Supplier<Optional<String>> violation) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> seen = violation.get();
            if (seen.isPresent()) {
                throw new AssertionError(what + ": " + seen.get() + E2eCluster.diagnostics());
            }
            sleep(POLL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
