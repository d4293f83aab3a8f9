package dev.hookwright.web;

import dev.hookwright.controller.MigrationController;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The controller's own health, at {@code /q/health/group/controller}: deliberately neither a
 * liveness nor a readiness check, so an unreachable API server never takes the webhook out of
 * its Service nor restarts the pod (docs/controller.md).
 */
@HealthGroup("controller")
@ApplicationScoped
public class ControllerHealth implements HealthCheck {

    private final MigrationController controller;

    public ControllerHealth(MigrationController controller) {
        this.controller = controller;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("migration-controller");
        controller.status().data().forEach((key, value) -> response.withData(key, String.valueOf(value)));
        return response.status(controller.status().isOff() || controller.status().isHealthy()).build();
    }
}
