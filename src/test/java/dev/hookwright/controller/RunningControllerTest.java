package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.util.Optional;

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

    /** What the controller plans for a stored Deployment: the names every test waits for. */
    Plan.Planned planOf(Deployment deployment) {
        return (Plan.Planned) planner.plan(deployment, Optional.empty());
    }

    String migrationOf(Deployment deployment) {
        return planOf(deployment).jobName();
    }

    /** A new image for the test's Deployment {@code shop-web}: a new revision. */
    Deployment newImage(String image) {
        return cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec()
                .editFirstContainer().withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
    }
}
