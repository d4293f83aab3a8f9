package dev.hookwright.controller;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesTheDelayPerFailureUpToTheMaximumAndForgetsOnSuccess() {
        Backoff<String> backoff = new Backoff<>(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(backoff.next("a/b")).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next("a/b")).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next("a/b")).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next("a/b")).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.next("other/key")).isEqualTo(Duration.ofSeconds(1));
        backoff.forget("a/b");
        assertThat(backoff.next("a/b")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void neverOverflowsIntoAZeroDelay() {
        Backoff<String> backoff = new Backoff<>(Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            last = backoff.next("k");
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(5));
    }
}
