package dev.hookwright.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;

/** {@link WritePort} on the fabric8 client. */
public final class Fabric8WritePort implements WritePort {
    private final KubernetesClient client;
    private final Fabric8JobDeleter deleter;
    private final Fabric8PodConditionWriter pods;
    private final Fabric8EventRecorder events;

    public Fabric8WritePort(KubernetesClient client, String instance) {
        this.client = client;
        this.deleter = new Fabric8JobDeleter(client);
        this.pods = new Fabric8PodConditionWriter(client);
        this.events = new Fabric8EventRecorder(client, instance);
    }

    @Override
    public Created createJob(Job job, String ownerUid) {
        String namespace = job.getMetadata().getNamespace();
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
            return Created.CREATED;
        } catch (KubernetesClientException e) {
            if (!ApiErrors.is(e, ApiErrors.CONFLICT)) {
                throw e;
            }
            Job there = client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).get();
            boolean ours = there != null && there.getMetadata().getOwnerReferences() != null
                    && there.getMetadata().getOwnerReferences().stream()
                            .filter(o -> Boolean.TRUE.equals(o.getController())).map(OwnerReference::getUid)
                            .anyMatch(ownerUid::equals);
            return ours ? Created.EXISTS_OURS : Created.EXISTS_FOREIGN;
        }
    }

    @Override
    public void deleteJob(String namespace, String name, String uid, String resourceVersion) {
        deleter.delete(namespace, name, uid, resourceVersion);
    }

    /**
     * A JSON Patch that tests the uid and the finalizer's position before removing it, so neither
     * a newer Job of that name nor another finalizer is touched. A Job gone (404) is success; a
     * failed test (the list changed since it was read) fails the reconcile, which reads it again.
     */
    @Override
    public void keepJob(String namespace, String name, String uid) {
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", uid);
        patch.addObject().put("op", "remove").put("path", "/spec/ttlSecondsAfterFinished");
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON), patch.toString());
        } catch (KubernetesClientException e) {
            // 404: gone. 422: another object of that name (the test), or no TTL left to remove: nothing to keep.
            if (ApiErrors.is(e, ApiErrors.NOT_FOUND) || e.getCode() == 422) {
                return;
            }
            throw e;
        }
    }

    @Override
    public void releaseJob(String namespace, String name, String uid) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null || !uid.equals(job.getMetadata().getUid()) || job.getMetadata().getFinalizers() == null) {
            return;
        }
        List<String> finalizers = job.getMetadata().getFinalizers();
        int index = finalizers.indexOf(Keys.OUTCOME_FINALIZER);
        if (index < 0) {
            return;
        }
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", uid);
        patch.addObject().put("op", "test").put("path", "/metadata/finalizers/" + index).put("value", Keys.OUTCOME_FINALIZER);
        patch.addObject().put("op", "remove").put("path", "/metadata/finalizers/" + index);
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON), patch.toString());
        } catch (KubernetesClientException e) {
            if (ApiErrors.is(e, ApiErrors.NOT_FOUND)) {
                return;
            }
            // The list changed between the read and the patch: the next reconcile reads it again.
            throw e;
        }
    }

    @Override
    public String annotate(Deployment deployment, String key, String value) {
        ObjectNode patch = Json.mapper().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("resourceVersion", deployment.getMetadata().getResourceVersion());
        metadata.putObject("annotations").put(key, value);
        Deployment written = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return written.getMetadata().getResourceVersion();
    }

    @Override
    public void markMigrated(Pod pod) {
        pods.markMigrated(pod);
    }

    @Override
    public void event(Deployment involved, String type, String reason, String note) {
        events.record(involved, type, reason, note);
    }
}
