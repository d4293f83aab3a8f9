package dev.hookwright.cli;

import dev.hookwright.core.Keys;
import dev.hookwright.kube.Fabric8ClusterView;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the status and explain tests store in fabric8's mock API server, shaped as the real API
 * server and hookwright's controller would have left it, and how they run the commands on it.
 */
final class StoredCluster {
    /** The tests' "now": every stored time is relative to it. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The field manager the controller's patches appear under. */
    static final String CONTROLLER_MANAGER = "hookwright";

    private final KubernetesClient client;

    StoredCluster(KubernetesClient client) {
        this.client = client;
    }

    ClusterConnection.Opener opener(String defaultNamespace) {
        return context -> new ClusterConnection(new Fabric8ClusterView(client), defaultNamespace, () -> { });
    }

    void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/metadata.name", name).addToLabels(labels).endMetadata().build()).create();
    }

    /**
     * An opted-in Deployment with the controller's records: {@code records} maps annotation keys to
     * values, each stamped in {@code managedFields} as written {@code ageOfRecords} before NOW.
     */
    Deployment deployment(String namespace, String name, Map<String, String> records, java.time.Duration ageOfRecords) {
        DeploymentBuilder builder = Deployments.optedIn(namespace, name, "shop:1").editMetadata()
                .withCreationTimestamp(NOW.minus(java.time.Duration.ofDays(3)).toString())
                .addToAnnotations(records).endMetadata();
        if (!records.isEmpty()) {
            Map<String, Object> annotationFields = new LinkedHashMap<>();
            records.keySet().forEach(key -> annotationFields.put("f:" + key, Map.of()));
            FieldsV1 fields = new FieldsV1();
            fields.setAdditionalProperty("f:metadata", Map.of("f:annotations", annotationFields));
            builder.editMetadata().addToManagedFields(new ManagedFieldsEntryBuilder().withManager(CONTROLLER_MANAGER)
                    .withOperation("Update").withApiVersion("apps/v1").withFieldsType("FieldsV1").withFieldsV1(fields)
                    .withTime(NOW.minus(ageOfRecords).toString()).build()).endMetadata();
        }
        return store(builder.build());
    }

    Deployment store(Deployment deployment) {
        return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).create();
    }

    /** A Job hookwright made for the Deployment, created {@code age} ago, with the status the Job controller wrote. */
    Job job(Deployment owner, String name, long activeDeadlineSeconds, java.time.Duration age, JobStatus status) {
        Job job = new JobBuilder().withNewMetadata()
                .withNamespace(owner.getMetadata().getNamespace()).withName(name)
                .withCreationTimestamp(NOW.minus(age).toString())
                .addToLabels(Keys.MANAGED_BY, Keys.MANAGED_BY_HOOKWRIGHT)
                .addToLabels(Keys.DEPLOYMENT_LABEL, owner.getMetadata().getName())
                .endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(activeDeadlineSeconds).withNewTemplate().withNewSpec()
                .addNewContainer().withName("migrate").withImage("shop:1").endContainer().withRestartPolicy("Never")
                .endSpec().endTemplate().endSpec()
                .withStatus(status)
                .build();
        return client.batch().v1().jobs().inNamespace(owner.getMetadata().getNamespace()).resource(job).create();
    }

    Pod pod(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    /** What a command printed and its exit status. */
    record Run(int exit, String out, String err) {
    }

    interface Command {
        int run(PrintStream out, PrintStream err);
    }

    static Run run(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String ago(java.time.Duration age) {
        return NOW.minus(age).toString();
    }
}
