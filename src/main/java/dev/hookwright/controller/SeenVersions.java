package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why each queued Deployment is queued, so that a reconcile that would only see again what the
 * last successful one read is not run. A leader that starts resyncs every Deployment from the
 * informers' caches while the informers may still be handing out their initial lists (each
 * Deployment and each of its Jobs once more): without this, a restart reads many Deployments
 * twice.
 *
 * <p>A reason is a version of the Deployment or of one of its Jobs that an informer brought, or
 * "must run" (a resync, a deletion, a new term of leadership, a gated pod, a retry). A key is
 * skipped only when every reason queued for it is a version its last <em>successful</em> reconcile
 * read: a failed reconcile forgets what it read, and a key queued without a recorded reason (a
 * retry after backoff) always runs.
 */
final class SeenVersions {
    /** What one reconcile read: the resourceVersions of the Deployment and of its Jobs, by name. */
    record Read(String deployment, Map<String, String> jobs) {
        static Read of(Snapshot snapshot) {
            Map<String, String> jobs = new HashMap<>();
            snapshot.jobs().forEach((name, job) -> jobs.put(name, job.getMetadata().getResourceVersion()));
            return new Read(snapshot.deployment().getMetadata().getResourceVersion(), Map.copyOf(jobs));
        }
    }

    private static final String MUST_RUN = "";

    private final Map<DeploymentKey, Read> reading = new ConcurrentHashMap<>();
    private final Map<DeploymentKey, Read> succeeded = new ConcurrentHashMap<>();
    /** Per queued key: "d:<rv>", "j:<name>:<rv>" or {@link #MUST_RUN}. */
    private final Map<DeploymentKey, Set<String>> reasons = new ConcurrentHashMap<>();

    void deployment(DeploymentKey key, Deployment version) {
        reason(key, "d:" + version.getMetadata().getResourceVersion());
    }

    void job(DeploymentKey key, Job version) {
        reason(key, "j:" + version.getMetadata().getName() + ":" + version.getMetadata().getResourceVersion());
    }

    void mustRun(DeploymentKey key) {
        reason(key, MUST_RUN);
    }

    private void reason(DeploymentKey key, String reason) {
        reasons.compute(key, (k, set) -> {
            Set<String> next = set == null ? new HashSet<>() : set;
            next.add(reason);
            return next;
        });
    }

    /** Taken from the queue: whether it must be reconciled. Consumes its reasons. */
    boolean worthReconciling(DeploymentKey key) {
        Set<String> why = reasons.remove(key);
        if (why == null || why.contains(MUST_RUN)) {
            return true;
        }
        Optional<Read> last = Optional.ofNullable(succeeded.get(key));
        return last.isEmpty() || !why.stream().allMatch(reason -> seen(last.get(), reason));
    }

    private static boolean seen(Read read, String reason) {
        if (reason.startsWith("d:")) {
            return reason.substring(2).equals(read.deployment());
        }
        int at = reason.lastIndexOf(':');
        String name = reason.substring(2, at);
        return reason.substring(at + 1).equals(read.jobs().get(name));
    }

    /** A reconcile read this (before its steps run). */
    void read(DeploymentKey key, Optional<Snapshot> snapshot) {
        snapshot.map(Read::of).ifPresentOrElse(read -> reading.put(key, read), () -> reading.remove(key));
    }

    /** The reconcile that read it ran every step. */
    void succeeded(DeploymentKey key) {
        Read read = reading.remove(key);
        if (read == null) {
            succeeded.remove(key);
        } else {
            succeeded.put(key, read);
        }
    }

    /** The reconcile stopped (an error, no longer leading): what it read counts for nothing. */
    void failed(DeploymentKey key) {
        reading.remove(key);
        succeeded.remove(key);
    }

    /** A term of leadership ended. */
    void clear() {
        reading.clear();
        succeeded.clear();
        reasons.clear();
    }
}
