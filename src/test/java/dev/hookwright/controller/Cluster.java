package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a test reads from and does to the mock API server, phrased as the cluster would. */
final class Cluster {
    private final KubernetesClient client;
    private final MeterRegistry registry;

    Cluster(KubernetesClient client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    static String freshNamespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Deployment store(Deployment deployment) {
        return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).create();
    }

    Deployment deployment(Deployment deployment) {
        return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).get();
    }

    /**
     * Edits a stored Deployment as a user would, read again and retried when the controller's
     * status write got in between (client-go's RetryOnConflict).
     */
    Deployment edit(String namespace, String name, java.util.function.UnaryOperator<Deployment> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.apps().deployments().inNamespace(namespace).withName(name).edit(change);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    List<Job> jobs(String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }

    Optional<Job> job(String namespace, String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    Job awaitJob(String namespace, String name) {
        return Eventually.await("Job " + namespace + "/" + name, () -> job(namespace, name));
    }

    Optional<String> status(Deployment deployment) {
        Deployment stored = deployment(deployment);
        return Optional.ofNullable(stored.getMetadata().getAnnotations()).map(a -> a.get(Keys.MIGRATION_STATUS));
    }

    void awaitStatus(Deployment deployment, String expected) {
        Eventually.until("migration-status \"" + expected + "\" (now " + status(deployment).orElse("none") + ")",
                () -> status(deployment).filter(expected::equals).isPresent());
    }

    Optional<String> seedStatus(Deployment deployment) {
        Deployment stored = deployment(deployment);
        return Optional.ofNullable(stored.getMetadata().getAnnotations()).map(a -> a.get(Keys.SEED_STATUS));
    }

    void awaitSeedStatus(Deployment deployment, String expected) {
        Eventually.until("seed-status \"" + expected + "\" (now " + seedStatus(deployment).orElse("none") + ")",
                () -> seedStatus(deployment).filter(expected::equals).isPresent());
    }

    List<Event> events(Deployment deployment, String reason) {
        return client.v1().events().inNamespace(deployment.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> deployment.getMetadata().getName().equals(e.getInvolvedObject().getName()))
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    Event awaitEvent(Deployment deployment, String reason) {
        return Eventually.await("Event " + reason + " on " + deployment.getMetadata().getName(),
                () -> events(deployment, reason).stream().findFirst());
    }

    void run(Job job) {
        setStatus(job, new JobStatusBuilder().withActive(1).withStartTime("2026-01-01T00:00:00Z").build());
    }

    void succeed(Job job) {
        setStatus(job, new JobStatusBuilder().withSucceeded(1).withStartTime("2026-01-01T00:00:00Z")
                .withCompletionTime("2026-01-01T00:00:07Z")
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
    }

    void fail(Job job) {
        setStatus(job, new JobStatusBuilder().withFailed(1).withStartTime("2026-01-01T00:00:00Z")
                .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                .withLastTransitionTime("2026-01-01T00:00:03Z").endCondition().build());
    }

    private void setStatus(Job job, io.fabric8.kubernetes.api.model.batch.v1.JobStatus status) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(current -> {
                    current.setStatus(status);
                    return current;
                });
    }

    /**
     * The Deployment controller's status write: from the latest read, and again on a conflict
     * with the controller's record writes, as the Deployment controller retries.
     */
    void deploymentStatus(String namespace, String name,
            java.util.function.Function<Deployment, io.fabric8.kubernetes.api.model.apps.DeploymentStatus> status) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.apps().deployments().inNamespace(namespace).withName(name).editStatus(current -> {
                    current.setStatus(status.apply(current));
                    return current;
                });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    Pod store(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    Pod pod(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    }

    /** Successful reconciles in a namespace: a barrier that proves the controller looked after a change. */
    double reconciles(String namespace) {
        Counter counter = registry.find("hookwright.controller.reconciles").tag("namespace", namespace).tag("result", "ok")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    void awaitReconcileAfter(String namespace, double before) {
        Eventually.until("a reconcile in " + namespace, () -> reconciles(namespace) > before);
    }

    KubernetesClient client() {
        return client;
    }
}
