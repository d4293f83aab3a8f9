package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Writes {@code hookwright.dev/migration-status} on a Deployment. */
@FunctionalInterface
public interface StatusWriter {
    /** A one-key merge patch, conditional on the Deployment's resourceVersion as it was read. */
    void write(Deployment deployment, String value);
}
