package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence that outlives the Job, with the running controller against fabric8's mock API server:
 * a failed Job keeps its pods past its TTL until a newer migration succeeded, the last outcome's
 * message stays on the Deployment, and the per-migration series are served.
 */
@QuarkusTest
@TestProfile(ControllerOn.class)
@WithKubernetesTestServer(crud = true)
class KeepFailedControllerTest extends RunningControllerTest {

    private Optional<String> annotation(Deployment deployment, String key) {
        return Optional.ofNullable(cluster.deployment(deployment).getMetadata().getAnnotations()).map(a -> a.get(key));
    }

    private double gauge(String name, String deployment, String phase) {
        var search = registry.find(name).tag("namespace", namespace).tag("deployment", deployment);
        Gauge gauge = phase == null ? search.gauge() : search.tag("phase", phase).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void aFailedJobLosesItsTtlKeepsItsMessageAndGoesWhenANewerMigrationSucceeds() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job failing = cluster.awaitJob(namespace, migrationOf(stored));
        assertThat(failing.getSpec().getTtlSecondsAfterFinished()).isNotNull();
        cluster.run(failing);
        cluster.awaitStatus(stored, failing.getMetadata().getName() + " Running");
        Eventually.until("the deadline gauge", () -> gauge(MigrationMetrics.DEADLINE, "shop-web", null) > 0);
        assertThat(gauge(MigrationMetrics.STATUS, "shop-web", "Running")).isEqualTo(1.0);

        cluster.fail(failing);
        cluster.awaitStatus(stored, failing.getMetadata().getName() + " Failed");
        Eventually.until("the failed Job without its TTL and finalizer", () -> cluster.job(namespace, failing.getMetadata().getName())
                .filter(job -> job.getSpec().getTtlSecondsAfterFinished() == null)
                .filter(job -> job.getMetadata().getFinalizers() == null || job.getMetadata().getFinalizers().isEmpty())
                .isPresent());
        Job kept = cluster.job(namespace, failing.getMetadata().getName()).orElseThrow();
        assertThat(kept.getSpec().getBackoffLimit()).as("nothing else of the spec changed").isEqualTo(failing.getSpec().getBackoffLimit());
        assertThat(kept.getMetadata().getLabels()).isEqualTo(failing.getMetadata().getLabels());
        Eventually.until("the message on the Deployment", () -> annotation(stored, Keys.MIGRATION_MESSAGE).isPresent());
        assertThat(annotation(stored, Keys.MIGRATION_MESSAGE).orElseThrow()).contains("BackoffLimitExceeded")
                .satisfies(text -> assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024));
        Eventually.until("status Failed", () -> gauge(MigrationMetrics.STATUS, "shop-web", "Failed") == 1.0);
        assertThat(gauge(MigrationMetrics.DEADLINE, "shop-web", null)).as("no deadline once it ended").isNaN();

        Deployment fixed = newImage("shop:2");
        Job next = cluster.awaitJob(namespace, migrationOf(fixed));
        cluster.succeed(next);
        cluster.awaitStatus(stored, next.getMetadata().getName() + " Succeeded");
        Eventually.until("the kept failed Job is deleted", () -> cluster.job(namespace, failing.getMetadata().getName()).isEmpty());
        Eventually.until("the succeeded Job's message", () -> annotation(stored, Keys.MIGRATION_MESSAGE)
                .filter(text -> text.contains(next.getMetadata().getName() + " succeeded")).isPresent());
        assertThat(cluster.job(namespace, next.getMetadata().getName()).orElseThrow().getSpec().getTtlSecondsAfterFinished())
                .as("a successful Job keeps its TTL").isNotNull();
        Eventually.until("the last success gauge", () -> gauge(MigrationMetrics.LAST_SUCCESS, "shop-web", null) > 0);

        client.apps().deployments().inNamespace(namespace).withName("shop-web").delete();
        Eventually.until("the series of a deleted Deployment go",
                () -> registry.find(MigrationMetrics.STATUS).tag("namespace", namespace).gauges().isEmpty());
    }

    @Test
    void aReplicaThatStopsLeadingStopsReportingPerMigrationSeries() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        cluster.awaitStatus(stored, migrationOf(stored) + " Pending");
        Eventually.until("status Pending", () -> gauge(MigrationMetrics.STATUS, "shop-web", "Pending") == 1.0);

        controller.stop();

        assertThat(registry.find(MigrationMetrics.STATUS).tag("namespace", namespace).gauges()).isEmpty();
    }
}
