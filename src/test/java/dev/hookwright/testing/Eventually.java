package dev.hookwright.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/** Polling with a deadline: the controller acts asynchronously, and a bare sleep proves nothing. */
public final class Eventually {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    /** The first present value of {@code probe}; fails after the timeout saying what was awaited. */
    public static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT + " waiting for " + what);
            }
            pause();
        }
    }

    public static void until(String what, BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Fails as soon as {@code condition} is false within {@code window}: for "never both" checks. */
    public static void holdsFor(String what, Duration window, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                fail("no longer true: " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
