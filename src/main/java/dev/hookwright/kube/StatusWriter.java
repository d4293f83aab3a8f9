package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Writes one of the controller's records ({@code hookwright.dev/migration-status}, {@code seed-status}) on a Deployment. */
@FunctionalInterface
public interface StatusWriter {
    /**
     * A one-key merge patch, conditional on the Deployment's resourceVersion as it was read.
     *
     * @return the resourceVersion the write produced, so a second record of the same reconcile
     *         can be conditional on exactly this write
     */
    String write(Deployment deployment, String key, String value);
}
