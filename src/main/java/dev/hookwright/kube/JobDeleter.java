package dev.hookwright.kube;

/** Deletes one Job that has not started. */
@FunctionalInterface
public interface JobDeleter {
    /**
     * Deletes the Job only while it is the object {@code uid} at {@code resourceVersion} (so neither
     * a newer Job of that name nor one that changed since it was judged is touched), with
     * background propagation. A Job already gone is success.
     */
    void delete(String namespace, String name, String uid, String resourceVersion);
}
