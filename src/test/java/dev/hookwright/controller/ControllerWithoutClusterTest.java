package dev.hookwright.controller;

import dev.hookwright.kube.KubernetesPresence;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Enabled, but with no Kubernetes configuration at all (a laptop's {@code make run}): off, and it says why. */
@QuarkusTest
@TestProfile(ControllerWithoutClusterTest.EnabledWithoutCluster.class)
class ControllerWithoutClusterTest {

    public static class EnabledWithoutCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookwright.controller.enabled", "true");
        }
    }

    @Inject
    MigrationController controller;

    @Test
    void staysOffAndReportsWhyInItsOwnHealthGroupWhileTheWebhookIsReady() {
        assumeTrue(KubernetesPresence.source(Optional.empty()).isEmpty(), "this machine has a Kubernetes configuration");

        assertThat(controller.status().isOff()).isTrue();
        assertThat(controller.isLeading()).isFalse();
        Https.management().get("/q/health/group/controller")
                .then().statusCode(200)
                .body("checks[0].data.mode", equalTo("off"))
                .body("checks[0].data.reason", containsString("no Kubernetes configuration"));
        Https.management().get("/q/health/ready").then().statusCode(200);
    }
}
