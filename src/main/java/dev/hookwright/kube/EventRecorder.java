package dev.hookwright.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Records an Event on a Deployment, where {@code kubectl describe deployment} shows it. */
@FunctionalInterface
public interface EventRecorder {
    /** @param type {@code Normal} or {@code Warning} */
    void record(Deployment involved, String type, String reason, String note);
}
