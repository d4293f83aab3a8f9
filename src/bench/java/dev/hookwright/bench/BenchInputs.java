package dev.hookwright.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.testing.Fixtures;

import java.nio.charset.StandardCharsets;

/**
 * The objects every benchmark works on, taken from the test fixtures so the numbers are about the
 * inputs the golden tests pin down: the reference chart's opted-in Deployment (CREATE) and a
 * real chart's hook Job (Sentry's db-migrate).
 */
final class BenchInputs {
    static final String MUTATE_FIXTURE = "mutate/reference-chart.yaml";
    static final String VALIDATE_FIXTURE = "validate/chart-sentry-db-migrate.yaml";

    private BenchInputs() {
    }

    /** The whole AdmissionReview as the API server would send it: JSON bytes. */
    static byte[] reviewBytes(String fixture) {
        return Fixtures.read(fixture).get("review").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code request.object} of a fixture's review, as the admission code receives it. */
    static ObjectNode object(String fixture) {
        return (ObjectNode) Fixtures.read(fixture).get("review").get("request").get("object");
    }
}
