package dev.hookwright.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A failing API never stops the loop: the key comes back after its backoff, and the error shows in the health data. */
class WorkersTest {

    @Test
    void retriesAFailedKeyWithBackoffAndRecordsTheErrorForTheHealthCheck() throws InterruptedException {
        ControllerStatus status = new ControllerStatus();
        SnapshotSource failing = key -> {
            throw new KubernetesClientException("forbidden", 403, null);
        };
        Reconciler reconciler = new Reconciler(failing, null, new NamespaceFilter(Set.of(), () -> true, ns -> false),
                (key, snapshot) -> { });
        DeploymentKey key = new DeploymentKey("shop", "shop-web");
        try (WorkQueue<DeploymentKey> queue = new WorkQueue<>()) {
            Backoff<DeploymentKey> backoff = new Backoff<>(Duration.ofMillis(50), Duration.ofSeconds(1));
            Workers workers = new Workers(queue, reconciler, backoff, status, new MigrationMetrics(new SimpleMeterRegistry()));

            workers.process(key);
            workers.process(key);

            assertThat(backoff.failures(key)).isEqualTo(2);
            assertThat(status.isHealthy()).isFalse();
            assertThat(status.data().get("lastApiError").toString())
                    .contains("read Deployment shop/shop-web", "HTTP 403");
            assertThat(queue.take()).as("requeued after its delay").contains(key);
        }
    }

    @Test
    void actsInNoNamespaceBeforeTheNamespaceInformerHasSyncedAndTriesAgainLater() throws InterruptedException {
        ControllerStatus status = new ControllerStatus();
        SnapshotSource reads = key -> {
            throw new AssertionError("read before the namespaces were known");
        };
        Reconciler reconciler = new Reconciler(reads, null, new NamespaceFilter(Set.of(), () -> false, ns -> false),
                (key, snapshot) -> { });
        DeploymentKey key = new DeploymentKey("ignored-maybe", "shop-web");
        try (WorkQueue<DeploymentKey> queue = new WorkQueue<>()) {
            Workers workers = new Workers(queue, reconciler, new Backoff<>(Duration.ofMillis(20), Duration.ofSeconds(1)), status,
                    new MigrationMetrics(new SimpleMeterRegistry()));
            workers.process(key);
            assertThat(status.isHealthy()).as("waiting for a sync is no API error").isTrue();
            assertThat(queue.take()).contains(key);
        }
    }
}
