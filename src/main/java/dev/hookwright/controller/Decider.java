package dev.hookwright.controller;

import dev.hookwright.controller.Step.CreateJob;
import dev.hookwright.controller.Step.DeleteJob;
import dev.hookwright.controller.Step.Emit;
import dev.hookwright.controller.Step.EventType;
import dev.hookwright.controller.Step.Finished;
import dev.hookwright.controller.Step.KeepJob;
import dev.hookwright.controller.Step.MarkMigrated;
import dev.hookwright.controller.Step.Record;
import dev.hookwright.controller.Step.ReleaseJob;
import dev.hookwright.controller.Step.WriteHistory;
import dev.hookwright.core.Deletion;
import dev.hookwright.core.JobConditions;
import dev.hookwright.core.Keys;
import dev.hookwright.core.ReusedContainer;
import dev.hookwright.core.inject.Plan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The controller's state machine: a {@link Snapshot} in, the writes that drive the current
 * revision's Jobs out, in write order. Pure: no API call, no clock of its own; deciding twice on
 * the same snapshot gives the same steps. One pass serves every {@link Stage}.
 *
 * <p>The steps come in this order, and the order is what makes the promises hold:
 * <ol>
 *   <li>the history, so every outcome is durable before anything depends on it;</li>
 *   <li>the records, later stages first (a seed registered in the reconcile that starts a
 *       Deployment's first migration is never lost to a failed second write), and among them the
 *       intent {@code <job> Pending} before its Job exists;</li>
 *   <li>deletes of Jobs that never started, then the release of the finalizer of every Job whose
 *       outcome is now on record (or that never ran), then creates;</li>
 *   <li>metrics and Events; last the pod conditions, which fail pod by pod.</li>
 * </ol>
 */
public final class Decider {
    private Decider() {
    }

    public static List<Step> decide(Snapshot snapshot) {
        Draft draft = new Draft(snapshot);
        harvest(snapshot, draft);
        if (snapshot.isBeingDeleted()) {
            // Its Jobs go with it (garbage collection): only let them go, never start one.
            releaseDeleted(snapshot, draft);
            return draft.steps();
        }
        if (snapshot.plan() instanceof Plan.Invalid invalid) {
            Optional<MigrationStatus> recorded = snapshot.record(Stage.MIGRATION);
            if (!recorded.equals(Optional.of(MigrationStatus.invalid()))) {
                draft.records.add(new Record(Stage.MIGRATION, MigrationStatus.invalid()));
                draft.reports.add(new Emit(EventType.Warning, Reasons.INVALID, "no migration Job: " + invalid.message()));
            }
        } else if (snapshot.plan() instanceof Plan.Planned planned) {
            supersede(snapshot, planned, draft);
            abandonPostDeploy(snapshot, planned, draft);
            for (Stage stage : Stage.ALL) {
                stage(stage, snapshot, planned, draft);
            }
            gate(snapshot, planned, draft);
        }
        // Not opted in, or no release: the webhook already warned; only the outcomes of Jobs already made are kept.
        return draft.steps();
    }

    /** The Deployment is gone: every Job still held for it is let go (garbage collection removes them). */
    public static List<Step> orphaned(List<Job> labelled) {
        return labelled.stream().filter(DesiredJob::isHeld)
                .<Step>map(job -> new ReleaseJob(job.getMetadata().getName(), job.getMetadata().getUid())).toList();
    }

    /**
     * Every finished Job of this Deployment has its outcome put in the history (once, with its
     * Event and metrics) before its finalizer goes; a Job that never ran and is being deleted is
     * let go at once. A Job being deleted that has run keeps the finalizer until it finishes.
     */
    private static void harvest(Snapshot snapshot, Draft draft) {
        for (Job job : snapshot.jobs().values()) {
            String name = job.getMetadata().getName();
            if (!Ownership.isControlledBy(job, snapshot.uid())) {
                // A labelled Job of an earlier Deployment of this name (deleted and created again): its owner is gone.
                if (DesiredJob.isHeld(job) && Deletion.isBeingDeleted(job)) {
                    draft.releases.add(new ReleaseJob(name, job.getMetadata().getUid()));
                }
                continue;
            }
            JobState state = JobState.of(job);
            if (state.isFinished()) {
                Phase outcome = state == JobState.SUCCEEDED ? Phase.Succeeded : Phase.Failed;
                Stage stage = Stage.of(job);
                if (snapshot.history().find(name).isEmpty()) {
                    draft.outcome(name, outcome);
                    boolean announced = snapshot.record(stage).filter(r -> r.jobName().equals(name) && r.phase() == outcome)
                            .isPresent();
                    if (!announced) {
                        announce(snapshot, stage, job, outcome, draft);
                    }
                } else if (snapshot.record(stage).filter(r -> r.jobName().equals(name)
                        && (r.phase() == Phase.Pending || r.phase() == Phase.Running)).isPresent()) {
                    // The reconcile that wrote the outcome into the history stopped before its record (a conflict
                    // with the Deployment controller's status write): its Event and metrics come after the record
                    // and were never written. Job names are never reused, so this announces each outcome once.
                    announce(snapshot, stage, job, outcome, draft);
                }
                if (state == JobState.FAILED) {
                    keepFailed(snapshot, job, draft);
                }
                if (DesiredJob.isHeld(job)) {
                    draft.releases.add(new ReleaseJob(name, job.getMetadata().getUid()));
                }
            } else if (neverRan(snapshot, job) && Deletion.isBeingDeleted(job)
                    && DesiredJob.isHeld(job)) {
                draft.releases.add(new ReleaseJob(name, job.getMetadata().getUid()));
            }
        }
    }

    /**
     * A failed Job stays readable ({@code kubectl logs}) the next morning: its TTL is removed
     * before its finalizer goes. The Job so kept is deleted once {@code keep-failed} has passed
     * since it failed, or once a newer migration of this Deployment succeeded. With
     * {@code keep-failed} 0 the TTL stays as set. A Job without a TTL is one hookwright kept (the
     * synthesizer always sets one).
     */
    private static void keepFailed(Snapshot snapshot, Job job, Draft draft) {
        if (snapshot.keepFailed().isZero() || snapshot.keepFailed().isNegative() || Deletion.isBeingDeleted(job)
                || snapshot.isBeingDeleted()) {
            // Garbage collection takes the Jobs of a Deployment being deleted: nothing to keep.
            return;
        }
        String name = job.getMetadata().getName();
        if (job.getSpec() != null && job.getSpec().getTtlSecondsAfterFinished() != null) {
            draft.keeps.add(new KeepJob(name, job.getMetadata().getUid()));
            return;
        }
        Instant failedAt = JobConditions.failed(job).map(c -> c.getLastTransitionTime()).flatMap(History::instant)
                .or(() -> draft.history.find(name).flatMap(entry -> History.instant(entry.at())))
                .orElse(snapshot.now());
        boolean expired = !failedAt.plus(snapshot.keepFailed()).isAfter(snapshot.now());
        boolean superseded = draft.history.succeededSince(name, other -> Stage.ofName(other) == Stage.MIGRATION);
        if (expired || superseded) {
            draft.deletes.add(new DeleteJob(name, job.getMetadata().getUid(), job.getMetadata().getResourceVersion(),
                    expired ? "failed Job kept for inspection for " + snapshot.keepFailed()
                            : "failed Job kept for inspection until a newer migration succeeded"));
        }
    }

    private static void announce(Snapshot snapshot, Stage stage, Job job, Phase outcome, Draft draft) {
        String name = job.getMetadata().getName();
        String what = stage.isMigration() ? "Job " : stage.label() + " Job ";
        if (outcome == Phase.Succeeded) {
            draft.report(new Emit(EventType.Normal, stage.events().succeeded(), what + name + " succeeded"
                    + JobTimes.duration(job).map(d -> " in " + d.toSeconds() + "s").orElse("")));
        } else {
            String note = TerminationMessages.failureNote(job, snapshot.podsOf(name));
            draft.report(new Emit(EventType.Warning, stage.events().failed(), stage.isMigration() ? note
                    : stage.label() + " " + note));
        }
        if (stage.countedInMetrics()) {
            draft.reports.add(new Finished(outcome, JobTimes.duration(job)));
        }
    }

    /** The Deployment is going: let every held Job that is going with it go. */
    private static void releaseDeleted(Snapshot snapshot, Draft draft) {
        for (Job job : snapshot.jobs().values()) {
            if (DesiredJob.isHeld(job) && Deletion.isBeingDeleted(job)
                    && draft.releases.stream().noneMatch(r -> r.uid().equals(job.getMetadata().getUid()))) {
                draft.releases.add(new ReleaseJob(job.getMetadata().getName(), job.getMetadata().getUid()));
            }
        }
    }

    /**
     * Only the newest revision runs: a Job of this Deployment that has not started and that the
     * current revision no longer asks for (two upgrades seconds apart) is deleted, so the current
     * revision's Job need not wait for it. A started one is never touched.
     */
    private static void supersede(Snapshot snapshot, Plan.Planned planned, Draft draft) {
        Set<String> wanted = new HashSet<>();
        for (Stage stage : Stage.ALL) {
            stage.job().of(planned).ifPresent(job -> wanted.add(job.getMetadata().getName()));
        }
        for (Job job : snapshot.jobs().values()) {
            String name = job.getMetadata().getName();
            if (Ownership.isControlledBy(job, snapshot.uid()) && !wanted.contains(name)
                    && !Deletion.isBeingDeleted(job) && neverRan(snapshot, job)) {
                draft.deleteNeverRun(job, "superseded by a newer revision before it started");
            }
        }
    }

    /**
     * A post-deploy Job that was waiting for its rollout when the Deployment moved to another
     * revision (a newer one, or back to an older one) never runs: its rollout will not complete.
     * Said once, with its Skipped outcome in the history; one that had been created and started
     * runs to its end (the harvest records it), one that had not is deleted by {@link #supersede}.
     */
    private static void abandonPostDeploy(Snapshot snapshot, Plan.Planned planned, Draft draft) {
        Optional<MigrationStatus> recorded = snapshot.record(Stage.POST_DEPLOY);
        if (recorded.isEmpty() || recorded.get().phase().isOutcome() || MigrationStatus.NO_JOB.equals(recorded.get().jobName())) {
            return;
        }
        String name = recorded.get().jobName();
        boolean current = planned.postDeployJob().map(job -> job.getMetadata().getName().equals(name)).orElse(false);
        Job job = snapshot.jobs().get(name);
        boolean ran = job != null && Ownership.isControlledBy(job, snapshot.uid()) && !neverRan(snapshot, job);
        if (current || ran || snapshot.history().find(name).isPresent()) {
            return;
        }
        // Back on a revision whose migration ran before a newer one did: a rollback; otherwise a newer revision.
        boolean back = snapshot.history().find(planned.jobName()).isPresent()
                && snapshot.history().succeededSince(planned.jobName(), entry -> Stage.ofName(entry) == Stage.MIGRATION);
        String why = back
                ? "the Deployment was rolled back to the revision of migration Job " + planned.jobName()
                : "the rollout was superseded by the revision of migration Job " + planned.jobName();
        draft.outcome(name, Phase.Skipped);
        if (planned.postDeployJob().isEmpty()) {
            // No post-deploy Job of the current revision takes the record over.
            draft.records.add(new Record(Stage.POST_DEPLOY, new MigrationStatus(name, Phase.Skipped)));
        }
        draft.report(new Emit(EventType.Warning, Stage.POST_DEPLOY.events().skipped().orElseThrow(),
                "post-deploy Job " + name + " will not run for its revision: " + why
                        + " before its rollout completed; run it by hand, or the next revision's post-deploy Job catches up"));
    }

    private static void stage(Stage stage, Snapshot snapshot, Plan.Planned planned, Draft draft) {
        Optional<Job> desired = stage.job().of(planned);
        if (desired.isEmpty()) {
            return;
        }
        Stage.Verdict verdict = stage.readiness().judge(snapshot, planned, draft.phases);
        if (verdict instanceof Stage.Verdict.NotApplicable) {
            return;
        }
        String name = desired.get().getMetadata().getName();
        Optional<MigrationStatus> recorded = snapshot.record(stage);
        Optional<Phase> phase = phase(stage, verdict, desired.get(), recorded, snapshot, planned, draft);
        if (phase.isEmpty()) {
            return;
        }
        draft.phases.put(stage, phase.get());
        MigrationStatus status = new MigrationStatus(name, phase.get());
        // Before a create the intent is written even when it is already on record: a conditional write that fences
        // off a replica whose read is stale (another one may have run and recorded this Job since).
        if (!recorded.equals(Optional.of(status)) || draft.creates.containsKey(name)) {
            draft.records.add(0, new Record(stage, status));
        }
        if (phase.get().isOutcome() && !recorded.equals(Optional.of(status))) {
            // Decided now (a Job's end, skip, an unknown end): into the history. An outcome only recorded (a refused
            // create, a record older than the history) stays in the record.
            draft.outcome(name, phase.get());
        }
    }

    /** The phase this reconcile records for the stage's Job of the current revision; empty: leave the record as it is. */
    private static Optional<Phase> phase(Stage stage, Stage.Verdict verdict, Job desired, Optional<MigrationStatus> recorded,
            Snapshot snapshot, Plan.Planned planned, Draft draft) {
        String name = desired.getMetadata().getName();
        Job job = snapshot.jobs().get(name);
        if (job != null && Ownership.isControlledBy(job, snapshot.uid()) && JobState.of(job).isFinished()) {
            // What the Job did beats what the record says (a create refused for one replica may have gone through
            // for another).
            return Optional.of(JobState.of(job) == JobState.SUCCEEDED ? Phase.Succeeded : Phase.Failed);
        }
        if (recorded.isPresent() && recorded.get().isOutcomeOf(name)) {
            return Optional.of(recorded.get().phase());
        }
        Optional<History.Entry> before = snapshot.history().find(name);
        if (before.isPresent()) {
            if (stage.isMigration()) {
                alreadyApplied(snapshot, name, before.get(), draft);
            }
            return Optional.of(before.get().outcome());
        }
        if (job != null && !Ownership.isControlledBy(job, snapshot.uid())) {
            String owner = Ownership.controllerOf(job).map(o -> o.getKind() + " " + o.getName()).orElse("no controller");
            String what = stage.isMigration() ? "Job " : stage.label() + " Job ";
            draft.reports.add(new Emit(EventType.Warning, Reasons.CONFLICT, what + name + " already exists and is controlled by "
                    + owner + ", not by this Deployment; hookwright leaves it alone. Delete it, or set "
                    + "hookwright.dev/revision or hookwright.dev/rerun so this revision's Jobs get other names"));
            return recorded.filter(r -> r.jobName().equals(name)).map(MigrationStatus::phase);
        }
        if (job != null) {
            JobState state = JobState.of(job);
            switch (state) {
                case SUCCEEDED -> {
                    return Optional.of(Phase.Succeeded);
                }
                case FAILED -> {
                    return Optional.of(Phase.Failed);
                }
                case RUNNING -> {
                    return Optional.of(Phase.Running);
                }
                default -> {
                    if (!neverRan(snapshot, job) || Deletion.isBeingDeleted(job)) {
                        // A pod exists although the status does not count it yet; or it is going (released above).
                        return Optional.of(Phase.Pending);
                    }
                    if (verdict instanceof Stage.Verdict.Skip) {
                        // Skipped is recorded once the Job is gone, never before: the delete is refused when the Job
                        // changed meanwhile (it may have started), and then it runs and its outcome is what counts.
                        draft.deleteNeverRun(job, "its revision is now skipped");
                        return Optional.of(Phase.Pending);
                    }
                    if (!DesiredJob.matches(job, desired)) {
                        draft.deleteNeverRun(job, "it no longer matched the Deployment");
                        draft.create(stage, DesiredJob.of(snapshot.deployment(), desired), "replaced " + what(stage) + name
                                + ", which had not started and no longer matched the Deployment, for release "
                                + planned.release().name());
                    }
                    return Optional.of(Phase.Pending);
                }
            }
        }
        if (verdict instanceof Stage.Verdict.Skip skip) {
            skipped(stage, skip, draft);
            return Optional.of(Phase.Skipped);
        }
        if (recorded.isPresent() && recorded.get().jobName().equals(name) && recorded.get().phase() == Phase.Running) {
            // It ran and is gone before its end was seen: only when someone removed hookwright's finalizer by hand.
            // Running it again could repeat a migration, so it counts as failed.
            draft.report(new Emit(EventType.Warning, stage.events().failed(), what(stage) + name + " was deleted before"
                    + " hookwright saw it finish; its outcome is unknown. Set hookwright.dev/rerun to run it again"));
            if (stage.countedInMetrics()) {
                draft.reports.add(new Finished(Phase.Failed, Optional.empty()));
            }
            return Optional.of(Phase.Failed);
        }
        if (verdict instanceof Stage.Verdict.Wait || anotherRuns(snapshot, name, draft)) {
            return Optional.of(Phase.Waiting);
        }
        String note = stage.isMigration()
                ? "created Job " + name + " to migrate release " + planned.release().name()
                : stage == Stage.POST_DEPLOY
                ? "created post-deploy Job " + name + " after migration Job " + planned.jobName()
                        + " and the rollout completed, for release " + planned.release().name()
                : "created " + what(stage) + name + " after " + lastBefore(planned) + " succeeded, for release "
                        + planned.release().name();
        draft.create(stage, DesiredJob.of(snapshot.deployment(), desired), note);
        return Optional.of(Phase.Pending);
    }

    /** The phase of the revision a seed follows. */
    private static String lastBefore(Plan.Planned planned) {
        return planned.postDeployJob().map(job -> "post-deploy Job " + job.getMetadata().getName())
                .orElse("migration Job " + planned.jobName());
    }

    private static String what(Stage stage) {
        return stage.isMigration() ? "Job " : stage.label() + " Job ";
    }

    private static void skipped(Stage stage, Stage.Verdict.Skip skip, Draft draft) {
        stage.events().skipped().ifPresent(reason -> draft.report(new Emit(EventType.Warning, reason, skip.note())));
    }

    /**
     * The Deployment is back on a revision whose migration already ran (a {@code helm rollback},
     * an image revert, a removed rerun token): say so once, when the record moves to it.
     */
    private static void alreadyApplied(Snapshot snapshot, String name, History.Entry entry, Draft draft) {
        boolean moving = snapshot.record(Stage.MIGRATION).map(r -> !r.jobName().equals(name)).orElse(true);
        if (!moving) {
            return;
        }
        draft.reports.add(new Emit(EventType.Normal, Reasons.ALREADY_APPLIED, "migration Job " + name + " already ran ("
                + entry.outcome() + " at " + entry.at() + "); it is not run again"));
        if (snapshot.history().succeededSince(name, job -> Stage.ofName(job) == Stage.MIGRATION)) {
            String newer = snapshot.history().entries().stream()
                    .filter(e -> e.outcome() == Phase.Succeeded && Stage.ofName(e.job()) == Stage.MIGRATION)
                    .findFirst().map(History.Entry::job).orElse("a newer migration");
            draft.reports.add(new Emit(EventType.Warning, Reasons.ROLLED_BACK, "rolled back to the revision of migration Job "
                    + name + " after " + newer + " succeeded: the schema may be ahead of this code"));
        }
    }

    /** No pod of the Job has run: its status counts none and no pod of it exists. */
    private static boolean neverRan(Snapshot snapshot, Job job) {
        return JobState.of(job) == JobState.NOT_STARTED && snapshot.podsOf(job.getMetadata().getName()).isEmpty();
    }

    /** One Job at a time per Deployment: another one of its Jobs has run and not finished. It is never killed. */
    private static boolean anotherRuns(Snapshot snapshot, String name, Draft draft) {
        return snapshot.jobs().values().stream()
                .filter(job -> !name.equals(job.getMetadata().getName()))
                .filter(job -> Ownership.isControlledBy(job, snapshot.uid()))
                .filter(job -> !JobState.of(job).isFinished())
                .filter(job -> !draft.deleted(job))
                .anyMatch(job -> !(neverRan(snapshot, job) && Deletion.isBeingDeleted(job)));
    }

    /**
     * The {@code pre} gate: a waiting pod is released when the migration of what it runs is final
     * {@code Succeeded} or {@code Skipped}. What it runs is its ReplicaSet's
     * {@code hookwright.dev/migration-job} (the Deployment controller copied it from the
     * Deployment); a pod without one is judged by the reused container, found by the template's
     * container name, running the current template's image.
     */
    private static void gate(Snapshot snapshot, Plan.Planned planned, Draft draft) {
        if (snapshot.gatedPods().isEmpty()) {
            return;
        }
        Optional<Container> reused = ReusedContainer.of(snapshot.deployment().getSpec().getTemplate(),
                planned.settings().container());
        boolean currentReleased = Optional.ofNullable(draft.phases.get(Stage.MIGRATION)).map(Phase::releasesTraffic)
                .orElse(false);
        List<Pod> release = new ArrayList<>();
        for (Pod pod : snapshot.gatedPods()) {
            Optional<String> runs = migrationJobOf(pod, snapshot.replicaSets());
            boolean released = runs.isPresent()
                    ? draft.outcomeOf(runs.get()).map(Phase::releasesTraffic).orElse(false)
                    : currentReleased && reused.isPresent() && runsImage(pod, reused.get());
            if (released) {
                release.add(pod);
            }
        }
        if (!release.isEmpty()) {
            draft.marks.add(new MarkMigrated(release));
        }
    }

    /** The migration the pod's ReplicaSet was made for, through the pod's controller ownerReference. */
    static Optional<String> migrationJobOf(Pod pod, Map<String, ReplicaSet> replicaSets) {
        return Ownership.controllerOf(pod)
                .filter(owner -> "ReplicaSet".equals(owner.getKind()))
                .map(owner -> replicaSets.get(owner.getName()))
                .filter(rs -> rs.getMetadata().getUid() == null
                        || Objects.equals(rs.getMetadata().getUid(), Ownership.controllerOf(pod).get().getUid()))
                .map(rs -> rs.getMetadata().getAnnotations() == null ? null
                        : rs.getMetadata().getAnnotations().get(Keys.MIGRATION_JOB));
    }

    /** Never by position: a mesh injects its proxy as the first container. */
    private static boolean runsImage(Pod pod, Container reused) {
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? List.of() : pod.getSpec().getContainers();
        return containers.stream().filter(c -> Objects.equals(reused.getName(), c.getName())).findFirst()
                .map(c -> Objects.equals(reused.getImage(), c.getImage())).orElse(false);
    }

    /** The steps of one reconcile while they are being decided, in buckets that {@link #steps} puts in write order. */
    private static final class Draft {
        final Snapshot snapshot;
        final Map<Stage, Phase> phases = new LinkedHashMap<>();
        History history;
        final List<Record> records = new ArrayList<>();
        final List<DeleteJob> deletes = new ArrayList<>();
        final List<KeepJob> keeps = new ArrayList<>();
        final List<ReleaseJob> releases = new ArrayList<>();
        final Map<String, CreateDraft> creates = new LinkedHashMap<>();
        final List<Step> reports = new ArrayList<>();
        final List<MarkMigrated> marks = new ArrayList<>();
        /** The last outcome's message of this reconcile, written with the records. */
        Optional<String> message = Optional.empty();

        Draft(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.history = snapshot.history();
        }

        /** An Event that tells an outcome: its note is also the outcome's durable message. */
        void report(Emit outcome) {
            reports.add(outcome);
            message = Optional.of(outcome.note());
        }

        void outcome(String job, Phase outcome) {
            history = history.with(new History.Entry(job, outcome, snapshot.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString()));
        }

        Optional<Phase> outcomeOf(String job) {
            return history.find(job).map(History.Entry::outcome);
        }

        void deleteNeverRun(Job job, String why) {
            if (deleted(job)) {
                return;
            }
            deletes.add(new DeleteJob(job.getMetadata().getName(), job.getMetadata().getUid(),
                    job.getMetadata().getResourceVersion(), why));
            if (DesiredJob.isHeld(job)) {
                releases.add(new ReleaseJob(job.getMetadata().getName(), job.getMetadata().getUid()));
            }
        }

        boolean deleted(Job job) {
            return deletes.stream().anyMatch(d -> d.uid().equals(job.getMetadata().getUid()));
        }

        void create(Stage stage, Job job, String note) {
            creates.put(job.getMetadata().getName(), new CreateDraft(stage, job, note));
        }

        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            if (!history.equals(snapshot.history())) {
                steps.add(new WriteHistory(history));
            }
            steps.addAll(records);
            steps.addAll(deletes);
            // The TTL goes before the finalizer, or the TTL controller could take the Job in between.
            steps.addAll(keeps);
            steps.addAll(releases);
            for (CreateDraft create : creates.values()) {
                String name = create.job().getMetadata().getName();
                // Recorded Failed, so it is not sent again for this revision; not put in the history, which holds what
                // ran: a replica whose create went through meanwhile makes a Job whose real outcome then counts.
                List<Step> rejected = List.of(
                        new Record(create.stage(), new MigrationStatus(name, Phase.Failed)),
                        new Emit(EventType.Warning, Reasons.REJECTED, what(create.stage()) + name
                                + " was refused by the API server and is recorded Failed; fix the cause and set "
                                + Keys.RERUN + " to run it"));
                steps.add(new CreateJob(create.stage(), create.job(), create.note(), rejected));
            }
            steps.addAll(reports);
            steps.addAll(marks);
            // Last: a Deployment write right after the record often meets the Deployment controller's own write
            // (409), which stops the reconcile. The Event and the gate must not wait on the message.
            message.filter(text -> !Redactor.redact(text).equals(snapshot.message().orElse(null)))
                    .ifPresent(text -> steps.add(new Step.WriteMessage(text)));
            return steps;
        }
    }

    private record CreateDraft(Stage stage, Job job, String note) {
    }
}
