package dev.hookwright.controller;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The controller's metrics as Prometheus scrapes them. */
class MigrationMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MigrationMetrics metrics = new MigrationMetrics(registry);

    private List<String> samples(String name) {
        return registry.scrape().lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).sorted()
                .toList();
    }

    @Test
    void reportsEveryPhaseOfADeploymentWithOneForTheCurrentOne() {
        metrics.status("shop", "web", "Running");

        assertThat(samples("hookwright_migration_status")).containsExactly(
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Failed\",} 0.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Invalid\",} 0.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Pending\",} 0.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Running\",} 1.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Skipped\",} 0.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Succeeded\",} 0.0",
                "hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Waiting\",} 0.0");

        metrics.status("shop", "web", Phase.Failed.name());
        assertThat(samples("hookwright_migration_status")).filteredOn(line -> line.endsWith(" 1.0"))
                .containsExactly("hookwright_migration_status{deployment=\"web\",namespace=\"shop\",phase=\"Failed\",} 1.0");
    }

    @Test
    void refusesAPhaseThatDoesNotExistSoTheLabelStaysBounded() {
        assertThatThrownBy(() -> metrics.status("shop", "web", "Exploded")).isInstanceOf(IllegalArgumentException.class);
        assertThat(samples("hookwright_migration_status")).isEmpty();
    }

    @Test
    void keepsTheDeadlineWhilePendingOrRunningAndDropsItWhenTheMigrationEnds() {
        Instant deadline = Instant.ofEpochSecond(1_772_870_700L);
        metrics.status("shop", "web", "Running");
        metrics.runningUntil("shop", "web", deadline);
        assertThat(samples("hookwright_migration_deadline_timestamp_seconds")).containsExactly(
                "hookwright_migration_deadline_timestamp_seconds{deployment=\"web\",namespace=\"shop\",} 1.7728707E9");

        metrics.status("shop", "web", "Running");
        assertThat(samples("hookwright_migration_deadline_timestamp_seconds")).hasSize(1);
        metrics.status("shop", "web", "Succeeded");
        assertThat(samples("hookwright_migration_deadline_timestamp_seconds")).isEmpty();

        metrics.status("shop", "web", "Pending");
        metrics.runningUntil("shop", "web", deadline.plusSeconds(60));
        assertThat(samples("hookwright_migration_deadline_timestamp_seconds")).singleElement().asString()
                .endsWith(" 1.77287076E9");
    }

    @Test
    void recordsWhenTheLastMigrationSucceeded() {
        metrics.lastSucceeded("shop", "web", Instant.ofEpochSecond(1_772_870_400L));
        metrics.lastSucceeded("shop", "web", Instant.ofEpochSecond(1_772_870_700L));

        assertThat(samples("hookwright_migration_last_success_timestamp_seconds")).containsExactly(
                "hookwright_migration_last_success_timestamp_seconds{deployment=\"web\",namespace=\"shop\",} 1.7728707E9");
    }

    @Test
    void forgetsEverySeriesOfADeploymentAndOnlyOfIt() {
        for (String name : List.of("web", "api")) {
            metrics.status("shop", name, "Running");
            metrics.runningUntil("shop", name, Instant.now());
            metrics.lastSucceeded("shop", name, Instant.now());
        }

        metrics.forget("shop", "web");
        assertThat(registry.scrape()).doesNotContain("deployment=\"web\"").contains("deployment=\"api\"");
        metrics.forget("shop", "web");

        metrics.forgetAll();
        assertThat(registry.scrape()).doesNotContain("deployment=");
        metrics.status("shop", "web", "Waiting");
        assertThat(samples("hookwright_migration_status")).hasSize(Phase.values().length);
    }

    @Test
    void exportsTheDurationAsAHistogramFromOneSecondToAnHour() {
        metrics.finished("shop", Phase.Succeeded, Optional.of(Duration.ofSeconds(42)));
        metrics.finished("shop", Phase.Failed, Optional.of(Duration.ofMinutes(50)));

        String scrape = registry.scrape();
        assertThat(scrape).contains("# TYPE hookwright_migration_duration_seconds histogram");
        List<String> buckets = samples("hookwright_migration_duration_seconds_bucket").stream()
                .filter(line -> line.contains("outcome=\"Succeeded\"")).map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .toList();
        assertThat(buckets).containsExactlyInAnyOrder("1.0", "5.0", "10.0", "30.0", "60.0", "120.0", "300.0", "600.0",
                "1200.0", "1800.0", "2700.0", "3600.0", "+Inf");
        assertThat(scrape).contains(
                "hookwright_migration_duration_seconds_bucket{namespace=\"shop\",outcome=\"Succeeded\",le=\"30.0\",} 0.0",
                "hookwright_migration_duration_seconds_bucket{namespace=\"shop\",outcome=\"Succeeded\",le=\"60.0\",} 1.0",
                "hookwright_migration_duration_seconds_bucket{namespace=\"shop\",outcome=\"Failed\",le=\"3600.0\",} 1.0",
                "hookwright_migration_duration_seconds_count{namespace=\"shop\",outcome=\"Failed\",} 1.0");
    }

    @Test
    void keepsTheNamesOfTheCountersItAlreadyHad() {
        metrics.created("shop");
        metrics.finished("shop", Phase.Succeeded, Optional.empty());
        metrics.finished("shop", Phase.Failed, Optional.empty());
        metrics.reconciled("shop", false);

        assertThat(registry.scrape()).contains(
                "hookwright_migration_jobs_created_total{namespace=\"shop\",} 1.0",
                "hookwright_migration_jobs_succeeded_total{namespace=\"shop\",} 1.0",
                "hookwright_migration_jobs_failed_total{namespace=\"shop\",} 1.0",
                "hookwright_controller_reconciles_total{namespace=\"shop\",result=\"error\",} 1.0");
    }
}
