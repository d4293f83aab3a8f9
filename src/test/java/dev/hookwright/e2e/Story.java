package dev.hookwright.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every story shares: the cluster, the example chart installed with the real Helm 4, and
 * the facts a user would look up with kubectl. Each story uses a namespace and release of its own.
 */
@ExtendWith(ClusterExtension.class)
abstract class Story {
    /** Generous: the control plane, hookwright and Maven share two cores. */
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String STATUS = "hookwright.dev/migration-status";
    static final String HISTORY = "hookwright.dev/migration-history";
    static final String JOB_RECORD = "hookwright.dev/migration-job";
    static final String FINALIZER = "hookwright.dev/outcome";
    static final String IMAGE = "registry.example.com/supernova/server";
    private static final ObjectMapper JSON = new ObjectMapper();

    static E2eCluster cluster;
    static KubernetesClient kube;

    @BeforeAll
    static void cluster() {
        cluster = E2eCluster.get();
        kube = cluster.admin;
    }

    /** {@code helm upgrade --install} of deploy/examples/supernova-server, opted in to hookwright. */
    static HelmCli.Result install(String release, String namespace, String... sets) {
        List<String> flags = new ArrayList<>();
        for (String set : sets) {
            flags.add("--set");
            flags.add(set);
        }
        return installWith(release, namespace, flags);
    }

    /** The same with any further Helm flags. */
    static HelmCli.Result installWith(String release, String namespace, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("upgrade", "--install", release, E2eCluster.EXAMPLE_CHART.toString(),
                "--namespace", namespace, "--create-namespace", "--timeout", "120s", "--set", "hookwright.enabled=true"));
        args.addAll(flags);
        return cluster.helm.run(args.toArray(String[]::new));
    }

    static void createNamespace(String name, Map<String, String> labels) {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    static Deployment deployment(String namespace, String name) {
        return kube.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    static Optional<String> annotation(String namespace, String deployment, String key) {
        return Optional.ofNullable(deployment(namespace, deployment)).map(d -> d.getMetadata().getAnnotations())
                .map(a -> a.get(key));
    }

    static Optional<Job> job(String namespace, String name) {
        return Optional.ofNullable(kube.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    static Job awaitJob(String namespace, String name) {
        return Await.until("Job " + namespace + "/" + name, WAIT, () -> job(namespace, name));
    }

    static List<Pod> jobPods(String namespace, String job) {
        return kube.pods().inNamespace(namespace).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
    }

    /** Waits until the Deployment's {@code hookwright.dev/migration-status} reads {@code expected}. */
    static void awaitStatus(String namespace, String deployment, String expected) {
        Await.until(STATUS + " = \"" + expected + "\" on " + namespace + "/" + deployment + " (last: "
                + annotation(namespace, deployment, STATUS).orElse("none") + ")", WAIT,
                () -> annotation(namespace, deployment, STATUS).filter(expected::equals).isPresent());
    }

    /** The outcomes recorded in {@code hookwright.dev/migration-history}, newest first: "job outcome". */
    static List<String> history(String namespace, String deployment) {
        Optional<String> raw = annotation(namespace, deployment, HISTORY);
        if (raw.isEmpty()) {
            return List.of();
        }
        try {
            List<String> entries = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(raw.get())) {
                entries.add(entry.path("job").asText() + " " + entry.path("outcome").asText());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(HISTORY + " is not JSON: " + raw.get(), e);
        }
    }

    static List<Event> events(String namespace, String involvedName, String reason) {
        return kube.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    /** Runs the Job's pod to the end as a kubelet would report it, and waits for the Job to finish. */
    static void finishMigration(String namespace, String job, int exitCode, String message) {
        Await.until("a pod of Job " + namespace + "/" + job + " made by the Job controller", WAIT,
                () -> !jobPods(namespace, job).isEmpty());
        cluster.kubelet.finish(namespace, job, exitCode, message);
        String condition = exitCode == 0 ? "Complete" : "Failed";
        Await.until("Job " + namespace + "/" + job + " condition " + condition, WAIT, () -> job(namespace, job)
                .map(j -> j.getStatus() != null && j.getStatus().getConditions() != null && j.getStatus().getConditions()
                        .stream().anyMatch(c -> condition.equals(c.getType()) && "True".equals(c.getStatus())))
                .orElse(true)); // already removed (TTL) counts as finished
    }
}
