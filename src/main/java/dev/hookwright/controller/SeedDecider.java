package dev.hookwright.controller;

import dev.hookwright.controller.Action.CreateJob;
import dev.hookwright.controller.Action.DeleteJob;
import dev.hookwright.controller.Action.Emit;
import dev.hookwright.controller.Action.EventType;
import dev.hookwright.controller.Action.RecordSeedStatus;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.SeedSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed Job of CONTRACT §2a: started only once the migration of the same revision has
 * succeeded, at most once per revision, recorded in {@code hookwright.dev/seed-status}. Pure,
 * like {@link MigrationDecider}, which calls it with the migration phase it decided.
 *
 * <p>A seed belongs to a migration run this controller drives: it is registered
 * ({@code <seed> Waiting}) in the reconcile that first handles the revision, for
 * {@code seed-when: always} on every revision and for {@code install} on the Deployment's first
 * one only. Registering early, and before the migration's own record is written, is what makes
 * "first" durable: once {@code migration-status} names a revision, no later revision is first.
 */
final class SeedDecider {
    private SeedDecider() {
    }

    /**
     * @param migration the phase this reconcile records for the migration of the current revision
     * @return Job creates/deletes, the seed-status write and Events; the caller orders them
     */
    static List<Action> decide(Snapshot snapshot, Plan.Planned planned, Phase migration) {
        if (planned.seedJob().isEmpty() || planned.settings().seed().isEmpty()) {
            return List.of();
        }
        String name = planned.seedJob().get().getMetadata().getName();
        Optional<MigrationStatus> recorded = snapshot.recordedSeed();
        Optional<Phase> current = recorded.filter(r -> r.jobName().equals(name)).map(MigrationStatus::phase);
        if (current.isEmpty() && registers(snapshot, planned, planned.settings().seed().get().when())) {
            current = Optional.of(Phase.Waiting);
        }
        if (current.isEmpty() || current.get().isOutcome()) {
            // Not this revision's seed, or it ran (or was skipped) already: never again, even when its TTL removed it.
            return List.of();
        }
        List<Action> actions = new ArrayList<>();
        Phase next = snapshot.sameNameSeedJob().isPresent()
                ? existing(snapshot, planned, snapshot.sameNameSeedJob().get(), current.get(), actions)
                : absent(snapshot, planned, current.get(), migration, actions);
        MigrationStatus status = new MigrationStatus(name, next);
        if (!recorded.equals(Optional.of(status))) {
            actions.add(new RecordSeedStatus(status));
        }
        return actions;
    }

    /** Whether this revision gets a seed at all; asked only while no seed-status names this revision's seed. */
    static boolean registers(Snapshot snapshot, Plan.Planned planned, SeedSettings.When when) {
        Optional<MigrationStatus> migration = snapshot.recorded();
        if (migration.isPresent() && migration.get().isOutcomeOf(planned.jobName())) {
            // The revision's migration ended before a seed was asked for: the seed would not follow "its" migration.
            return false;
        }
        if (when == SeedSettings.When.ALWAYS) {
            return true;
        }
        Optional<MigrationStatus> seed = snapshot.recordedSeed();
        // "- Invalid" names no revision, so a Deployment whose first stored form was invalid is still on its first.
        boolean first = migration.map(m -> MigrationStatus.NO_JOB.equals(m.jobName())).orElse(true) && seed.isEmpty();
        // An install seed that never started (its revision was superseded while its migration ran) moves on to this
        // revision: the database has still not been seeded.
        boolean carried = seed.map(s -> s.phase() == Phase.Waiting).orElse(false);
        return first || carried;
    }

    /** The seed Job exists: report on it, or replace it while it has not started. */
    private static Phase existing(Snapshot snapshot, Plan.Planned planned, Job job, Phase current, List<Action> actions) {
        String name = job.getMetadata().getName();
        if (!Ownership.isControlledBy(job, snapshot.uid())) {
            String owner = Ownership.controllerOf(job).map(o -> o.getKind() + " " + o.getName()).orElse("no controller");
            actions.add(new Emit(EventType.Warning, Reasons.CONFLICT, "seed Job " + name + " already exists and is controlled by "
                    + owner + ", not by this Deployment; hookwright leaves it alone and does not seed. Delete it, or set "
                    + "hookwright.dev/revision or hookwright.dev/rerun so this revision's Jobs get other names"));
            return current;
        }
        switch (JobState.of(job)) {
            case SUCCEEDED -> {
                actions.add(new Emit(EventType.Normal, Reasons.SEED_SUCCEEDED, "seed Job " + name + " succeeded"
                        + JobTimes.duration(job).map(d -> " in " + d.toSeconds() + "s").orElse("")));
                return Phase.Succeeded;
            }
            case FAILED -> {
                actions.add(new Emit(EventType.Warning, Reasons.SEED_FAILED,
                        "seed " + TerminationMessages.failureNote(job, snapshot.seedJobPods().get())));
                return Phase.Failed;
            }
            case RUNNING -> {
                return Phase.Running;
            }
            default -> {
                Job desired = planned.seedJob().get();
                if (!DesiredJob.matches(job, desired) && snapshot.seedJobPods().get().isEmpty()) {
                    actions.add(new DeleteJob(name, job.getMetadata().getUid(), job.getMetadata().getResourceVersion()));
                    actions.add(new CreateJob(DesiredJob.of(snapshot.deployment(), desired), Reasons.SEED_JOB_CREATED,
                            "replaced seed Job " + name + ", which had not started and no longer matched the Deployment"));
                }
                return Phase.Pending;
            }
        }
    }

    /** No seed Job: start it once the migration succeeded, give it up when the migration failed or was skipped. */
    private static Phase absent(Snapshot snapshot, Plan.Planned planned, Phase current, Phase migration,
            List<Action> actions) {
        String name = planned.seedJob().get().getMetadata().getName();
        if (current == Phase.Running) {
            // Same reasoning as for the migration: a seed that ran and vanished unseen is not run twice.
            actions.add(new Emit(EventType.Warning, Reasons.SEED_FAILED, "seed Job " + name + " was deleted before"
                    + " hookwright saw it finish; its outcome is unknown. Set hookwright.dev/rerun to run the revision again"));
            return Phase.Failed;
        }
        switch (migration) {
            case Failed -> {
                actions.add(new Emit(EventType.Warning, Reasons.SEED_SKIPPED, "seed Job " + name + " was not started"
                        + " because migration Job " + planned.jobName() + " failed"));
                return Phase.Skipped;
            }
            case Skipped -> {
                actions.add(new Emit(EventType.Warning, Reasons.SEED_SKIPPED, "seed Job " + name + " was not started"
                        + " because migration Job " + planned.jobName() + " was skipped (" + Keys.SKIP + ")"));
                return Phase.Skipped;
            }
            case Succeeded -> {
                if (anotherRuns(snapshot, name)) {
                    return Phase.Waiting;
                }
                actions.add(new CreateJob(DesiredJob.of(snapshot.deployment(), planned.seedJob().get()),
                        Reasons.SEED_JOB_CREATED, "created seed Job " + name + " after migration Job " + planned.jobName()
                        + " succeeded, for release " + planned.release().name()));
                return Phase.Pending;
            }
            default -> {
                // Pending, Running or Waiting: never while the migration runs.
                return Phase.Waiting;
            }
        }
    }

    /** One Job at a time per Deployment holds for seeds too. */
    private static boolean anotherRuns(Snapshot snapshot, String seedName) {
        return snapshot.ownedJobs().stream()
                .filter(job -> !seedName.equals(job.getMetadata().getName()))
                .filter(job -> Ownership.isControlledBy(job, snapshot.uid()))
                .anyMatch(job -> !JobState.of(job).isFinished());
    }
}
