package dev.hookwright.controller;

import dev.hookwright.kube.LeaseElection;
import dev.hookwright.testing.Eventually;
import dev.hookwright.testing.MigratedFleet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restarted controller costs the API server when nothing changed: each migrated
 * Deployment is read once and its Jobs listed once, whatever its shape ({@code pre}, seed,
 * post-deploy) and whether its Jobs were removed by their TTL. Counted from the requests the mock
 * API server received, by path: an invariant of the reads, not a timing.
 */
@EnableKubernetesMockClient(crud = true)
class RestartCostTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String OWN_NAMESPACE = "hookwright-system";
    /** Each Deployment in a namespace of its own, so the requests of one are those of its namespace. */
    private static final int DEPLOYMENTS = 12;
    private static final Pattern NAMESPACED = Pattern.compile("^/(?:api|apis/[^/]+)/v1/namespaces/([^/]+)/([^/?]+)");

    @Test
    void aRestartedControllerReadsEachUnchangedDeploymentAndListsItsJobsAndNothingElse() throws Exception {
        MigratedFleet fleet = new MigratedFleet(client);
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String namespace = "restart-" + i;
            namespaces.add(namespace);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
            // Revisions 1 and 3: a seed (install) registered with this revision or with an earlier one. Half keep
            // their finished Jobs; in the other half the TTL controller removed them.
            fleet.store(namespace, "app-" + i, MigratedFleet.Shape.of(i), i % 8 < 4 ? 1 : 3, i % 2 == 0);
        }
        drain();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ControllerRuntime.Settings settings = new ControllerRuntime.Settings(
                new LeaseElection.Settings(OWN_NAMESPACE, "hookwright-controller", "restarted", Duration.ofSeconds(15),
                        Duration.ofSeconds(10), Duration.ofMillis(200)),
                Set.of("kube-system"), Duration.ofMinutes(10), 2, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofHours(24));
        try (ControllerRuntime controller = new ControllerRuntime(client, MigratedFleet.PLANNER, settings, registry,
                new ControllerStatus())) {
            controller.start();
            Eventually.until("every Deployment reconciled", () -> namespaces.stream()
                    .allMatch(ns -> reconciles(registry, ns) >= 1));
            // Anything queued twice would show up now.
            // The informers hand out their initial lists while the new leader resyncs: nothing is reconciled twice.
            Eventually.holdsFor("no second reconcile", Duration.ofMillis(700), () -> namespaces.stream()
                    .allMatch(ns -> reconciles(registry, ns) == 1));
        }

        Map<String, List<String>> byNamespace = new TreeMap<>();
        for (RecordedRequest request : drain()) {
            Matcher m = NAMESPACED.matcher(request.getPath());
            if (m.find() && !m.group(1).equals(OWN_NAMESPACE)) {
                byNamespace.computeIfAbsent(m.group(1), ns -> new ArrayList<>()).add(request.getMethod() + " " + m.group(2));
            }
        }
        for (String namespace : namespaces) {
            assertThat(byNamespace.get(namespace)).as("requests for the Deployment in %s: %s", namespace, byNamespace)
                    .containsExactlyInAnyOrder("GET deployments", "GET jobs");
        }
        assertThat(byNamespace.keySet()).containsExactlyInAnyOrderElementsOf(namespaces);
    }

    private static double reconciles(SimpleMeterRegistry registry, String namespace) {
        Counter counter = registry.find("hookwright.controller.reconciles").tag("namespace", namespace).tag("result", "ok")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every request received so far, oldest first; the mock server forgets them. */
    private static List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }
}
