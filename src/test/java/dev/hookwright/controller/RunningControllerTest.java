package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the running controller starts from: the mock API server's client, the
 * controller leading, and a fresh namespace so tests never see each other's objects.
 */
abstract class RunningControllerTest {

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    @Inject
    MigrationPlanner planner;

    @Inject
    MigrationController controller;

    Cluster cluster;
    String namespace;

    @BeforeEach
    void startLeading() {
        cluster = new Cluster(client, registry);
        namespace = Cluster.freshNamespace();
        controller.start();
        Eventually.until("the controller leads", controller::isLeading);
    }
}
