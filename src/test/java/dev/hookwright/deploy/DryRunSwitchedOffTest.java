package dev.hookwright.deploy;

import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The chart's {@code dryRun.enabled=false} (HOOKWRIGHT_DRY_RUN_ENABLED, i.e.
 * {@code hookwright.dry-run.enabled}) takes {@code POST /dry-run} away over HTTPS while the
 * admission endpoints keep serving.
 */
@QuarkusTest
@TestProfile(DryRunSwitchedOffTest.Off.class)
class DryRunSwitchedOffTest {
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookwright.dry-run.enabled", "false");
        }
    }

    @Test
    void answers404WithAClearErrorAndCreatesNothing() {
        Https.given().body("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
                .post("/dry-run")
                .then().statusCode(404)
                .body("code", equalTo(404))
                .body("message", containsString("hookwright check"));
    }

    @Test
    void theAdmissionEndpointsStillServe() {
        Https.given().body("{}").post("/mutate").then().statusCode(400);
    }
}
