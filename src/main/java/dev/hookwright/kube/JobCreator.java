package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Creates a Job. */
@FunctionalInterface
public interface JobCreator {
    /** @return true when this call created it; false when a Job of that name already existed (success too) */
    boolean create(Job job);
}
