package dev.hookwright.controller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key exponential retry delays: initial, 2×, 4×, … up to the maximum; reset on success. */
public final class Backoff<K> {
    private final Duration initial;
    private final Duration max;
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay before the next try of {@code key}, counting this failure. */
    public Duration next(K key) {
        int count = failures.merge(key, 1, Integer::sum);
        long factor = 1L << Math.min(count - 1, 30);
        long millis = initial.toMillis() * factor;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    public void forget(K key) {
        failures.remove(key);
    }

    public int failures(K key) {
        return failures.getOrDefault(key, 0);
    }
}
