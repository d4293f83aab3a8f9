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
        SnapshotSource failing = (namespace, name) -> {
            throw new KubernetesClientException("forbidden", 403, null);
        };
        Reconciler reconciler = new Reconciler(failing, null, new NamespaceFilter(Set.of(), ns -> false));
        try (WorkQueue queue = new WorkQueue()) {
            Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
            Workers workers = new Workers(queue, reconciler, backoff, status, new MigrationMetrics(new SimpleMeterRegistry()));

            workers.process("shop/shop-web");
            workers.process("shop/shop-web");

            assertThat(backoff.failures("shop/shop-web")).isEqualTo(2);
            assertThat(status.isHealthy()).isFalse();
            assertThat(status.data().get("lastApiError").toString())
                    .contains("read Deployment shop/shop-web", "HTTP 403");
            assertThat(queue.take()).as("requeued after its delay").contains("shop/shop-web");
        }
    }
}
