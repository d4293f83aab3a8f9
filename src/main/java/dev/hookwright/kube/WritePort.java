package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Every write the migration controller makes, and nothing else: the executor's one way out to
 * the cluster. Errors are the client's {@code KubernetesClientException}s, except where a method
 * says an answer is not an error.
 */
public interface WritePort {

    /** What a create came to. */
    enum Created {
        /** This call created it. */
        CREATED,
        /** A Job of that name already exists and is controlled by the Deployment of {@code ownerUid}. */
        EXISTS_OURS,
        /** A Job of that name already exists and is someone else's. */
        EXISTS_FOREIGN
    }

    /** Creates the Job; a 409 is answered by reading the Job that is there and comparing its controller uid. */
    Created createJob(Job job, String ownerUid);

    /**
     * Deletes the Job only while it is the object {@code uid} at {@code resourceVersion}, with
     * background propagation. A Job already gone is success.
     */
    void deleteJob(String namespace, String name, String uid, String resourceVersion);

    /** Removes {@code hookwright.dev/outcome} from the Job {@code uid}, if it is still there. A Job gone is success. */
    void releaseJob(String namespace, String name, String uid);

    /**
     * Removes {@code spec.ttlSecondsAfterFinished} from the failed Job {@code uid} (a JSON Patch
     * {@code remove} after a {@code test} of the uid), so its pods and logs outlive the TTL. A Job
     * gone, replaced by another object, or already without a TTL is success.
     */
    void keepJob(String namespace, String name, String uid);

    /**
     * A one-key merge patch of a Deployment annotation, conditional on the Deployment's
     * resourceVersion as read (409 when it changed).
     *
     * @return the resourceVersion the write produced, so the next record of the same reconcile is
     *         conditional on exactly this write
     */
    String annotate(Deployment deployment, String key, String value);

    /** Sets the pod condition {@code hookwright.dev/migrated=True} through {@code pods/status}, without a resourceVersion test. */
    void markMigrated(Pod pod);

    /** Records an Event on the Deployment; {@code type} is {@code Normal} or {@code Warning}. */
    void event(Deployment involved, String type, String reason, String note);
}
