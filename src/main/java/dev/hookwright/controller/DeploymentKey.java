package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Which Deployment a piece of work is about: the work queue's key, never a {@code "ns/name"} string. */
public record DeploymentKey(String namespace, String name) {

    public static DeploymentKey of(HasMetadata deployment) {
        return new DeploymentKey(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
    }

    /** {@code namespace/name}, as kubectl and the logs show it. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
