package dev.hookwright.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's Prometheus metrics (docs/operations.md lists them all):
 * <ul>
 *   <li>{@code hookwright_migration_jobs_{created,succeeded,failed}_total{namespace}} and
 *       {@code hookwright_controller_reconciles_total{namespace,result}}: counters;</li>
 *   <li>{@code hookwright_migration_duration_seconds{namespace,outcome}}: a histogram with buckets
 *       from one second to an hour, the range of {@code activeDeadlineSeconds};</li>
 *   <li>per opted-in Deployment, until {@link #forget} or {@link #forgetAll}:
 *       {@code hookwright_migration_status{namespace,deployment,phase}},
 *       {@code hookwright_migration_last_success_timestamp_seconds{namespace,deployment}} and, while a
 *       migration Job has started and not ended, {@code hookwright_migration_deadline_timestamp_seconds{namespace,deployment}}.</li>
 * </ul>
 * The status gauge has one series per phase, 1 for the current phase and 0 for the others, as
 * kube-state-metrics does for pod phases: a series that keeps existing lets an alert's {@code for:}
 * count from the moment the value changes, and a phase change is never a series vanishing (which
 * Prometheus only notices five minutes later, as staleness). Cardinality stays bounded: seven
 * series per opted-in Deployment, gone when the controller forgets it.
 */
public final class MigrationMetrics {
    static final String STATUS = "hookwright.migration.status";
    static final String LAST_SUCCESS = "hookwright.migration.last.success.timestamp.seconds";
    static final String DEADLINE = "hookwright.migration.deadline.timestamp.seconds";
    static final String DURATION = "hookwright.migration.duration";
    /** Bucket bounds of the duration histogram: seconds-long schema changes up to the policy's one-hour deadline. */
    static final List<Duration> DURATION_BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
            Duration.ofMinutes(45), Duration.ofHours(1));

    private final MeterRegistry registry;
    private final Map<Key, Tracked> tracked = new ConcurrentHashMap<>();

    public MigrationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Key(String namespace, String deployment) {
    }

    /** What the gauges of one Deployment read; volatile because scrapes read it from another thread. */
    private static final class Tracked {
        volatile Phase phase;
        volatile double lastSuccess = Double.NaN;
        volatile double deadline = Double.NaN;
        final List<Meter> meters = new ArrayList<>();
        Meter lastSuccessGauge;
        Meter deadlineGauge;
    }

    public void created(String namespace) {
        counter("hookwright.migration.jobs.created", "Migration Jobs created", namespace).increment();
    }

    public void finished(String namespace, Phase outcome, Optional<Duration> duration) {
        String name = outcome == Phase.Succeeded ? "hookwright.migration.jobs.succeeded" : "hookwright.migration.jobs.failed";
        counter(name, "Migration Jobs that ended " + outcome, namespace).increment();
        duration.ifPresent(d -> Timer.builder(DURATION)
                .description("How long migration Jobs ran, from start to their end")
                .tag("namespace", namespace).tag("outcome", outcome.name())
                // Explicit buckets make it a Prometheus histogram (a summary cannot be aggregated across replicas).
                .serviceLevelObjectives(DURATION_BUCKETS.toArray(Duration[]::new))
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry).record(d));
    }

    /** Every reconcile of a Deployment, {@code result} ok or error: shows the loop is alive and how often it fails. */
    public void reconciled(String namespace, boolean ok) {
        Counter.builder("hookwright.controller.reconciles").description("Reconciles of opted-in Deployments")
                .tag("namespace", namespace).tag("result", ok ? "ok" : "error").register(registry).increment();
    }

    /**
     * The current phase of a Deployment's migration ({@code hookwright.dev/migration-status}), by
     * its name in {@link Phase}. Any phase but {@code Pending} or {@code Running} also ends
     * {@link #runningUntil}.
     *
     * @throws IllegalArgumentException for a name that is not a phase: the label's values stay a fixed set
     */
    public void status(String namespace, String deployment, String phase) {
        Phase current = Phase.valueOf(phase);
        Tracked state = track(namespace, deployment);
        state.phase = current;
        if (current != Phase.Pending && current != Phase.Running) {
            endDeadline(state);
        }
    }

    /**
     * When the running migration Job's {@code activeDeadlineSeconds} runs out (its start plus the
     * deadline), so an alert can tell "still running" from "running past its deadline" without
     * knowing each Deployment's setting. Call it once the Job has a start time (Pending with pods
     * that cannot be scheduled counts too); dropped by the next {@link #status} that is neither
     * Pending nor Running.
     */
    public void runningUntil(String namespace, String deployment, Instant deadline) {
        Tracked state = track(namespace, deployment);
        synchronized (state) {
            state.deadline = deadline.toEpochMilli() / 1000.0;
            if (state.deadlineGauge == null) {
                state.deadlineGauge = Gauge.builder(DEADLINE, state, s -> s.deadline)
                        .description("When the running migration Job's activeDeadlineSeconds runs out, Unix seconds")
                        .tags(tags(namespace, deployment)).strongReference(true).register(registry);
            }
        }
    }

    /** The end of the latest migration that succeeded. */
    public void lastSucceeded(String namespace, String deployment, Instant at) {
        Tracked state = track(namespace, deployment);
        synchronized (state) {
            state.lastSuccess = at.toEpochMilli() / 1000.0;
            if (state.lastSuccessGauge == null) {
                state.lastSuccessGauge = Gauge.builder(LAST_SUCCESS, state, s -> s.lastSuccess)
                        .description("When the latest successful migration of the Deployment ended, Unix seconds")
                        .tags(tags(namespace, deployment)).strongReference(true).register(registry);
            }
        }
    }

    /** Removes every per-Deployment series of one Deployment: deleted, or no longer opted in. */
    public void forget(String namespace, String deployment) {
        Tracked state = tracked.remove(new Key(namespace, deployment));
        if (state != null) {
            synchronized (state) {
                state.meters.forEach(registry::remove);
                Optional.ofNullable(state.lastSuccessGauge).ifPresent(registry::remove);
                Optional.ofNullable(state.deadlineGauge).ifPresent(registry::remove);
            }
        }
    }

    /**
     * Removes the per-Deployment series of every Deployment: a replica that stops leading stops
     * reporting, so only the leader's view is ever scraped.
     */
    public void forgetAll() {
        List.copyOf(tracked.keySet()).forEach(key -> forget(key.namespace(), key.deployment()));
    }

    private Tracked track(String namespace, String deployment) {
        return tracked.computeIfAbsent(new Key(namespace, deployment), key -> {
            Tracked state = new Tracked();
            for (Phase phase : Phase.values()) {
                state.meters.add(Gauge.builder(STATUS, state, s -> s.phase == phase ? 1 : 0)
                        .description("The phase of the Deployment's current migration: 1 for the current phase, 0 for the others")
                        .tags(tags(namespace, deployment).and("phase", phase.name()))
                        .strongReference(true).register(registry));
            }
            return state;
        });
    }

    private void endDeadline(Tracked state) {
        synchronized (state) {
            if (state.deadlineGauge != null) {
                registry.remove(state.deadlineGauge);
                state.deadlineGauge = null;
                state.deadline = Double.NaN;
            }
        }
    }

    private static Tags tags(String namespace, String deployment) {
        return Tags.of("namespace", namespace, "deployment", deployment);
    }

    private Counter counter(String name, String description, String namespace) {
        return Counter.builder(name).description(description).tag("namespace", namespace).register(registry);
    }
}
