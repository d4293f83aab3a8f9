package dev.hookwright.kube;

import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.JobNames;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * Reads straight from the API server, not from the informers' caches: a decision taken on a
 * stale record could run a migration twice, and one read per object is cheap next to that.
 */
public final class ClusterReader {
    /** Set by the Job controller on the pods of a Job (Kubernetes ≥ 1.27). */
    static final String JOB_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    private final KubernetesClient client;

    public ClusterReader(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(name).get());
    }

    public Optional<Job> job(String namespace, String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** hookwright's Jobs labelled with this Deployment's name; ownership is still judged by ownerReference. */
    public List<Job> jobsOf(Deployment deployment) {
        return jobsLabelledFor(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
    }

    public List<Job> jobsLabelledFor(String namespace, String deployment) {
        return client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(Keys.MANAGED_BY, Keys.MANAGED_BY_HOOKWRIGHT)
                .withLabel(Keys.DEPLOYMENT_LABEL, JobNames.labelValue(deployment))
                .list().getItems();
    }

    public List<Pod> podsOf(Job job) {
        return client.pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel(JOB_CONTROLLER_UID, job.getMetadata().getUid()).list().getItems();
    }

    /** The ReplicaSets the Deployment's selector selects; the caller keeps those it controls. */
    public List<ReplicaSet> replicaSetsSelectedBy(Deployment deployment) {
        LabelSelector selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        if (selector == null) {
            return List.of();
        }
        return client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace()).withLabelSelector(selector)
                .list().getItems();
    }

    public List<Pod> podsSelectedBy(Deployment deployment) {
        LabelSelector selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        if (selector == null) {
            return List.of();
        }
        return client.pods().inNamespace(deployment.getMetadata().getNamespace()).withLabelSelector(selector)
                .list().getItems();
    }
}
