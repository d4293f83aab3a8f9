package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Job names are deterministic, so a 409 means this revision's Job exists: success, not an error. */
public final class Fabric8JobCreator implements JobCreator {
    private final KubernetesClient client;

    public Fabric8JobCreator(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public boolean create(Job job) {
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
            return true;
        } catch (KubernetesClientException e) {
            if (ApiErrors.is(e, ApiErrors.CONFLICT)) {
                return false;
            }
            throw e;
        }
    }
}
