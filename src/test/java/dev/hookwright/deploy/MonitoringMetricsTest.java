package dev.hookwright.deploy;

import dev.hookwright.controller.MigrationMetrics;
import dev.hookwright.controller.Phase;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import dev.hookwright.web.TlsProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert or a dashboard panel of the chart reads is one the running server
 * serves on {@code /q/metrics}: the webhooks exercised over HTTPS, the controller's metrics
 * recorded through {@link MigrationMetrics} into the server's own registry. A renamed metric,
 * on either side, fails here.
 */
@QuarkusTest
class MonitoringMetricsTest {
    /** Made by Prometheus for every target, never served. */
    private static final Set<String> SYNTHESIZED = Set.of("up");

    @Inject
    MeterRegistry registry;

    @Test
    void servesEveryMetricTheAlertsAndTheDashboardRead() throws Exception {
        for (String path : new String[] {"/validate", "/validate/enforce", "/validate/warn"}) {
            Https.given().contentType("application/json").body(review("validate/chart-mastodon-db-pre-migrate"))
                    .post(path).then().statusCode(200);
        }
        Https.given().contentType("application/json").body(review("mutate/not-opted-in")).post("/mutate")
                .then().statusCode(200);
        MigrationMetrics metrics = new MigrationMetrics(registry);
        try {
            metrics.created("shop");
            metrics.finished("shop", Phase.Succeeded, Optional.of(Duration.ofSeconds(7)));
            metrics.finished("shop", Phase.Failed, Optional.of(Duration.ofSeconds(3)));
            metrics.reconciled("shop", true);
            metrics.status("shop", "web", "Running");
            metrics.runningUntil("shop", "web", Instant.now().plusSeconds(300));
            metrics.lastSucceeded("shop", "web", Instant.now());

            Set<String> served = sampleNames(Https.management().get("/q/metrics").then().statusCode(200)
                    .extract().asString());
            Set<String> read = MonitoringChartTest.namesRead();

            assertThat(read).as("names the chart reads").contains("hookwright_migration_status",
                    "hookwright_tls_certificate_expiry_timestamp_seconds", "http_server_requests_seconds_count");
            read.removeAll(SYNTHESIZED);
            assertThat(served).as("metrics /q/metrics serves").containsAll(read);
        } finally {
            metrics.forget("shop", "web");
        }
    }

    @Test
    void exportsTheExpiryOfTheCertificateTheListenerServes() throws Exception {
        Instant notAfter = TlsProbe.handshake(Https.port(), 30_000).certificate().getNotAfter().toInstant();
        String body = Https.management().get("/q/metrics").then().statusCode(200).extract().asString();
        String sample = body.lines().filter(l -> l.startsWith("hookwright_tls_certificate_expiry_timestamp_seconds "))
                .findFirst().orElseThrow(() -> new AssertionError("no certificate expiry in:\n" + body));
        double value = Double.parseDouble(sample.substring(sample.indexOf(' ') + 1).trim());
        assertThat((long) value).isEqualTo(notAfter.getEpochSecond());
    }

    private static String review(String fixture) {
        return Fixtures.read(fixture + ".yaml").get("review").toString();
    }

    /** The names of the samples of a Prometheus text exposition. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        return names;
    }
}
