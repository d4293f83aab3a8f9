package dev.hookwright.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Optional;

/** Prometheus: {@code hookwright_migration_jobs_*_total{namespace}} and {@code hookwright_migration_duration_seconds}. */
public final class MigrationMetrics {
    private final MeterRegistry registry;

    public MigrationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void created(String namespace) {
        counter("hookwright.migration.jobs.created", "Migration Jobs created", namespace).increment();
    }

    public void finished(String namespace, Phase outcome, Optional<Duration> duration) {
        String name = outcome == Phase.Succeeded ? "hookwright.migration.jobs.succeeded" : "hookwright.migration.jobs.failed";
        counter(name, "Migration Jobs that ended " + outcome, namespace).increment();
        duration.ifPresent(d -> Timer.builder("hookwright.migration.duration")
                .description("How long migration Jobs ran, from start to their end")
                .tag("namespace", namespace).tag("outcome", outcome.name())
                .register(registry).record(d));
    }

    /** Every reconcile of a Deployment, {@code result} ok or error: shows the loop is alive and how often it fails. */
    public void reconciled(String namespace, boolean ok) {
        Counter.builder("hookwright.controller.reconciles").description("Reconciles of opted-in Deployments")
                .tag("namespace", namespace).tag("result", ok ? "ok" : "error").register(registry).increment();
    }

    private Counter counter(String name, String description, String namespace) {
        return Counter.builder(name).description(description).tag("namespace", namespace).register(registry);
    }
}
