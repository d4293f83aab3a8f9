package dev.hookwright.controller;

import java.util.Optional;

/** Where the reconciler reads a Deployment's state from: the API server, or a test's lambda. */
@FunctionalInterface
public interface SnapshotSource {
    /** Empty when the Deployment is gone. */
    Optional<Snapshot> load(String namespace, String name);
}
