package dev.hookwright.controller;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The controller switched on against the mock API server, with short timings. */
public class ControllerOn implements QuarkusTestProfile {
    public static final String OWN_NAMESPACE = "hookwright-system";
    /** Excluded from the running controller, so tests can drive reconcilers of their own there. */
    public static final String UNWATCHED = "unwatched";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("hookwright.controller.enabled", "true"),
                Map.entry("hookwright.controller.namespace", OWN_NAMESPACE),
                Map.entry("hookwright.controller.excluded-namespaces", "kube-system," + UNWATCHED),
                Map.entry("hookwright.controller.lease.identity", "replica-under-test"),
                Map.entry("hookwright.controller.lease.duration", "3s"),
                Map.entry("hookwright.controller.lease.renew-deadline", "2s"),
                Map.entry("hookwright.controller.lease.retry-period", "200ms"),
                Map.entry("hookwright.controller.backoff-initial", "100ms"),
                Map.entry("hookwright.controller.backoff-max", "2s"));
    }
}
