package dev.hookwright.controller;

import dev.hookwright.controller.Action.CreateJob;
import dev.hookwright.controller.Action.DeleteJob;
import dev.hookwright.controller.Action.Emit;
import dev.hookwright.controller.Action.EventType;
import dev.hookwright.controller.Action.Finished;
import dev.hookwright.controller.Action.MarkMigrated;
import dev.hookwright.controller.Action.RecordSeedStatus;
import dev.hookwright.controller.Action.RecordStatus;
import dev.hookwright.core.inject.Plan;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The controller's state machine: a stored Deployment, its Jobs and its recorded status in, the
 * steps that drive the current revision's migration (and, through {@link SeedDecider}, its seed) out. Pure; every input comes from the
 * {@link Snapshot}, so running it twice on the same state asks for the same steps.
 */
public final class MigrationDecider {
    private MigrationDecider() {
    }

    public static List<Action> decide(Snapshot snapshot) {
        if (snapshot.isBeingDeleted()) {
            return List.of();
        }
        if (snapshot.plan() instanceof Plan.Invalid invalid) {
            return invalid(snapshot, invalid);
        }
        if (snapshot.plan() instanceof Plan.Planned planned) {
            return planned(snapshot, planned);
        }
        // Not opted in, or no release: the webhook already warned; there is nothing to run.
        return List.of();
    }

    private static List<Action> invalid(Snapshot snapshot, Plan.Invalid invalid) {
        if (snapshot.recorded().equals(Optional.of(MigrationStatus.invalid()))) {
            return List.of();
        }
        return List.of(new RecordStatus(MigrationStatus.invalid()),
                new Emit(EventType.Warning, Reasons.INVALID, "no migration Job: " + invalid.message()));
    }

    private static List<Action> planned(Snapshot snapshot, Plan.Planned planned) {
        String job = planned.jobName();
        List<Action> actions = new ArrayList<>();
        Optional<MigrationStatus> recorded = snapshot.recorded();
        Phase phase;
        if (recorded.isPresent() && recorded.get().isOutcomeOf(job)) {
            phase = recorded.get().phase();
        } else if (planned.settings().skip()) {
            phase = Phase.Skipped;
        } else if (snapshot.sameNameJob().isPresent()) {
            Optional<Phase> seen = existing(snapshot, planned, snapshot.sameNameJob().get(), actions);
            if (seen.isEmpty()) {
                return actions;
            }
            phase = seen.get();
        } else {
            phase = absent(snapshot, planned, actions);
        }
        MigrationStatus status = new MigrationStatus(job, phase);
        if (!recorded.equals(Optional.of(status))) {
            actions.add(new RecordStatus(status));
        }
        actions.addAll(SeedDecider.decide(snapshot, planned, phase));
        if (planned.settings().holdsTraffic() && phase.releasesTraffic()) {
            List<Pod> gated = PodGate.waiting(snapshot.deployment(), planned.settings(), snapshot.selectedPods().get());
            if (!gated.isEmpty()) {
                actions.add(new MarkMigrated(gated));
            }
        }
        return inWriteOrder(actions);
    }

    /** The Job of this revision exists: report on it, or replace it while it has not started. Empty: leave it alone. */
    private static Optional<Phase> existing(Snapshot snapshot, Plan.Planned planned, Job job, List<Action> actions) {
        String name = planned.jobName();
        if (!Ownership.isControlledBy(job, snapshot.uid())) {
            String owner = Ownership.controllerOf(job).map(o -> o.getKind() + " " + o.getName()).orElse("no controller");
            actions.add(new Emit(EventType.Warning, Reasons.CONFLICT, "Job " + name + " already exists and is controlled by "
                    + owner + ", not by this Deployment; hookwright leaves it alone. Delete it, or set "
                    + "hookwright.dev/revision or hookwright.dev/rerun so this revision's Job gets another name"));
            return Optional.empty();
        }
        JobState state = JobState.of(job);
        switch (state) {
            case SUCCEEDED -> {
                actions.add(new Finished(Phase.Succeeded, JobTimes.duration(job)));
                actions.add(new Emit(EventType.Normal, Reasons.SUCCEEDED, "Job " + name + " succeeded"
                        + JobTimes.duration(job).map(d -> " in " + d.toSeconds() + "s").orElse("")));
                return Optional.of(Phase.Succeeded);
            }
            case FAILED -> {
                actions.add(new Finished(Phase.Failed, JobTimes.duration(job)));
                actions.add(new Emit(EventType.Warning, Reasons.FAILED,
                        TerminationMessages.failureNote(job, snapshot.jobPods().get())));
                return Optional.of(Phase.Failed);
            }
            case RUNNING -> {
                return Optional.of(Phase.Running);
            }
            default -> {
                if (!DesiredJob.matches(job, planned.job()) && snapshot.jobPods().get().isEmpty()) {
                    actions.add(new DeleteJob(name, job.getMetadata().getUid(), job.getMetadata().getResourceVersion()));
                    actions.add(new CreateJob(DesiredJob.of(snapshot.deployment(), planned.job()), "replaced Job " + name
                            + ", which had not started and no longer matched the Deployment, for release "
                            + planned.release().name()));
                }
                return Optional.of(Phase.Pending);
            }
        }
    }

    /** No Job of this revision: start it unless another migration of this Deployment still runs. */
    private static Phase absent(Snapshot snapshot, Plan.Planned planned, List<Action> actions) {
        String name = planned.jobName();
        Optional<MigrationStatus> recorded = snapshot.recorded();
        if (recorded.isPresent() && recorded.get().jobName().equals(name) && recorded.get().phase() == Phase.Running) {
            // It ran and is gone before its end was seen (deleted by hand, or finished and removed by its TTL
            // while the controller was down): running it again could repeat a migration, so it counts as failed.
            actions.add(new Finished(Phase.Failed, Optional.empty()));
            actions.add(new Emit(EventType.Warning, Reasons.FAILED, "Job " + name + " was deleted before hookwright saw"
                    + " it finish; its outcome is unknown. Set hookwright.dev/rerun to run the migration again"));
            return Phase.Failed;
        }
        boolean another = snapshot.ownedJobs().stream()
                .filter(job -> !name.equals(job.getMetadata().getName()))
                .filter(job -> Ownership.isControlledBy(job, snapshot.uid()))
                .anyMatch(job -> !JobState.of(job).isFinished());
        if (another) {
            return Phase.Waiting;
        }
        actions.add(new CreateJob(DesiredJob.of(snapshot.deployment(), planned.job()),
                "created Job " + name + " to migrate release " + planned.release().name()));
        return Phase.Pending;
    }

    /**
     * Jobs are created and deleted first, then the records, then metrics and Events, then pod
     * conditions. The records go first among the reports: a failed write is retried, the Event
     * is not repeated. seed-status goes before migration-status, so the seed registered in the
     * reconcile that starts a Deployment's first migration is never lost to a failed second write
     * (after which that revision would no longer look like the first). The sort is stable, so a
     * delete stays before the create that replaces it.
     */
    private static List<Action> inWriteOrder(List<Action> actions) {
        return actions.stream().sorted(Comparator.comparingInt(MigrationDecider::rank)).toList();
    }

    private static int rank(Action action) {
        if (action instanceof CreateJob || action instanceof DeleteJob) {
            return 0;
        }
        if (action instanceof RecordSeedStatus) {
            return 1;
        }
        if (action instanceof RecordStatus) {
            return 2;
        }
        if (action instanceof MarkMigrated) {
            return 4;
        }
        return 3;
    }
}
