package dev.hookwright.core.rollout;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment + its ReplicaSets + a migration Job's name → the {@link RolloutState} of the rollout
 * that Job belongs to. Pure: the controller calls it with what its informers hold.
 *
 * <p>The ReplicaSets of the Job's revision are those carrying {@code hookwright.dev/migration-job:
 * <job>}: the Deployment controller copies the Deployment's annotations onto the ReplicaSet of the
 * current pod template. The current ReplicaSet is the one whose {@code deployment.kubernetes.io/revision}
 * equals the Deployment's own (the Deployment controller sets both in one sync), so a stale view of
 * the ReplicaSets shows as "not seen yet", never as a wrong verdict.
 */
public final class RolloutJudge {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private RolloutJudge() {
    }

    /**
     * @param deployment   the stored Deployment with its status
     * @param replicaSets  its ReplicaSets (others, e.g. every ReplicaSet of the namespace, are ignored)
     * @param migrationJob the name of the revision's first-phase Job ({@code R-migrate-<revision>})
     */
    public static RolloutState judge(Deployment deployment, Collection<ReplicaSet> replicaSets, String migrationJob) {
        ObjectMeta meta = deployment.getMetadata() == null ? new ObjectMeta() : deployment.getMetadata();
        DeploymentStatus status = deployment.getStatus();
        long generation = meta.getGeneration() == null ? 0 : meta.getGeneration();
        if (status == null || status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
            return new RolloutState.Progressing("the Deployment controller has not observed generation " + generation
                    + " yet");
        }
        List<ReplicaSet> owned = replicaSets.stream().filter(rs -> isOwnedBy(rs, meta)).toList();
        long currentRevision = revision(meta.getAnnotations());
        Optional<ReplicaSet> current = owned.stream()
                .filter(rs -> currentRevision > 0 && revision(rs.getMetadata().getAnnotations()) == currentRevision)
                .findFirst();
        if (current.isEmpty()) {
            return new RolloutState.Progressing("the ReplicaSet of revision " + currentRevision + " is not seen yet");
        }
        if (!carries(current.get(), migrationJob)) {
            return notThisRollout(meta, owned, current.get(), migrationJob);
        }
        return thisRollout(deployment, status, owned, current.get());
    }

    /** The current ReplicaSet is not of the Job's revision: not copied yet, superseded or rolled back. */
    private static RolloutState notThisRollout(ObjectMeta meta, List<ReplicaSet> owned, ReplicaSet current,
            String migrationJob) {
        String recorded = meta.getAnnotations() == null ? null : meta.getAnnotations().get(Keys.MIGRATION_JOB);
        if (migrationJob.equals(recorded)) {
            // The Deployment names this Job but its controller has not copied the annotation yet.
            return new RolloutState.Progressing("no ReplicaSet carries " + Keys.MIGRATION_JOB + ": " + migrationJob
                    + " yet");
        }
        Optional<ReplicaSet> jobs = owned.stream().filter(rs -> carries(rs, migrationJob))
                .max(Comparator.comparingLong(rs -> revision(rs.getMetadata().getAnnotations())));
        String currentName = current.getMetadata().getName();
        if (jobs.isEmpty()) {
            return new RolloutState.Superseded(Optional.empty(), currentName);
        }
        ReplicaSet job = jobs.get();
        return wasCurrentBefore(current, job)
                ? new RolloutState.RolledBack(job.getMetadata().getName(), currentName)
                : new RolloutState.Superseded(Optional.of(job.getMetadata().getName()), currentName);
    }

    /**
     * A ReplicaSet that is current again keeps its earlier revisions in {@code revision-history};
     * without one (history trimmed), its creation time tells.
     */
    private static boolean wasCurrentBefore(ReplicaSet current, ReplicaSet job) {
        long jobRevision = revision(job.getMetadata().getAnnotations());
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        String history = annotations == null ? null : annotations.get(REVISION_HISTORY);
        if (history != null) {
            for (String earlier : history.split(",")) {
                long value = parseLong(earlier.trim());
                if (value > 0 && value < jobRevision) {
                    return true;
                }
            }
        }
        Optional<Instant> currentCreated = instant(current.getMetadata().getCreationTimestamp());
        Optional<Instant> jobCreated = instant(job.getMetadata().getCreationTimestamp());
        return currentCreated.isPresent() && jobCreated.isPresent() && currentCreated.get().isBefore(jobCreated.get());
    }

    private static RolloutState thisRollout(Deployment deployment, DeploymentStatus status, List<ReplicaSet> owned,
            ReplicaSet current) {
        Optional<DeploymentCondition> deadline = condition(status, "Progressing")
                .filter(c -> "False".equals(c.getStatus()) && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason()));
        if (deadline.isPresent()) {
            DeploymentCondition c = deadline.get();
            return new RolloutState.Failed(Objects.requireNonNullElse(c.getMessage(), ""),
                    instant(c.getLastUpdateTime()).or(() -> instant(c.getLastTransitionTime())));
        }
        int wanted = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1
                : deployment.getSpec().getReplicas();
        // Terminating pods still serve their in-flight requests with the old code.
        int oldPods = owned.stream().filter(rs -> rs != current).mapToInt(RolloutJudge::pods).sum();
        boolean paused = deployment.getSpec() != null && Boolean.TRUE.equals(deployment.getSpec().getPaused());
        String prefix = paused ? "paused; " : "";
        if (wanted == 0) {
            return oldPods == 0 ? new RolloutState.ScaledToZero()
                    : new RolloutState.Progressing(prefix + oldPods + " old pods still to end (scaled to zero)");
        }
        int updated = zeroIfNull(status.getUpdatedReplicas());
        int available = zeroIfNull(status.getAvailableReplicas());
        int replicas = zeroIfNull(status.getReplicas());
        if (updated < wanted) {
            return new RolloutState.Progressing(prefix + updated + " of " + wanted + " replicas updated");
        }
        if (replicas > updated) {
            return new RolloutState.Progressing(prefix + (replicas - updated) + " old replicas pending termination");
        }
        if (replicas != wanted || updated != wanted) {
            return new RolloutState.Progressing(prefix + replicas + " replicas while " + wanted + " are wanted");
        }
        if (available < updated) {
            return new RolloutState.Progressing(prefix + available + " of " + wanted + " updated replicas available");
        }
        if (oldPods > 0) {
            return new RolloutState.Progressing(prefix + oldPods + " pods of older ReplicaSets still to end");
        }
        return new RolloutState.Complete();
    }

    private static int pods(ReplicaSet rs) {
        return rs.getStatus() == null ? 0
                : zeroIfNull(rs.getStatus().getReplicas()) + zeroIfNull(rs.getStatus().getTerminatingReplicas());
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
        return status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> c != null && type.equals(c.getType())).findFirst();
    }

    /** Its controller is this Deployment: by uid when both have one, else by name. */
    static boolean isOwnedBy(ReplicaSet rs, ObjectMeta deployment) {
        if (rs == null || rs.getMetadata() == null || rs.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference owner : rs.getMetadata().getOwnerReferences()) {
            if (owner != null && Boolean.TRUE.equals(owner.getController()) && "Deployment".equals(owner.getKind())) {
                return owner.getUid() != null && deployment.getUid() != null
                        ? owner.getUid().equals(deployment.getUid())
                        : Objects.equals(owner.getName(), deployment.getName());
            }
        }
        return false;
    }

    private static boolean carries(ReplicaSet rs, String migrationJob) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        return annotations != null && migrationJob.equals(annotations.get(Keys.MIGRATION_JOB));
    }

    private static long revision(Map<String, String> annotations) {
        return annotations == null || annotations.get(REVISION) == null ? -1 : parseLong(annotations.get(REVISION));
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Instant> instant(String rfc3339) {
        if (rfc3339 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
