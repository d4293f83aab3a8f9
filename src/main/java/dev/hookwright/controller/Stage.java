package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.rollout.FirstPhase;
import dev.hookwright.core.rollout.PostDeployEvents;
import dev.hookwright.core.rollout.PostDeployGate;
import dev.hookwright.core.rollout.RolloutJudge;
import dev.hookwright.core.settings.SeedSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of Job the controller runs for a revision, described as data so that one decider
 * runs them all: which Job of the plan it is, where its record lives, what its Events are
 * called, and when it may start ({@link Readiness}). Stages run in the order of {@link #ALL};
 * a stage's readiness sees the phases the earlier stages reached in the same reconcile: the
 * migration, then the post-deploy Job once the rollout is complete, then the seed after the last
 * of them.
 */
public record Stage(
        String label,
        String statusKey,
        String component,
        Selector job,
        Events events,
        boolean countedInMetrics,
        Readiness readiness) {

    /** The stage's Job in the planner's answer, when the Deployment asks for one. */
    @FunctionalInterface
    public interface Selector {
        Optional<Job> of(Plan.Planned planned);
    }

    /** The Event reasons of a stage. */
    public record Events(String created, String succeeded, String failed, Optional<String> skipped) {
    }

    /** Whether the stage's Job of this revision may run now. Pure. */
    @FunctionalInterface
    public interface Readiness {
        Verdict judge(Snapshot snapshot, Plan.Planned planned, Map<Stage, Phase> earlier);
    }

    /** What {@link Readiness} answers. */
    public sealed interface Verdict {
        /** This revision has no Job of this stage: nothing is recorded. */
        record NotApplicable() implements Verdict {
        }

        record Ready() implements Verdict {
        }

        /** Not yet: recorded {@code Waiting}. */
        record Wait() implements Verdict {
        }

        /**
         * Never for this revision: recorded {@code Skipped}, with a Warning saying {@code note} when the
         * stage has a skipped reason.
         */
        record Skip(String note) implements Verdict {
        }
    }

    public static final Stage MIGRATION = new Stage("migration", Keys.MIGRATION_STATUS, Keys.COMPONENT_MIGRATIONS,
            planned -> Optional.of(planned.job()),
            new Events(Reasons.JOB_CREATED, Reasons.SUCCEEDED, Reasons.FAILED, Optional.empty()),
            true,
            (snapshot, planned, earlier) -> planned.settings().skip()
                    ? new Verdict.Skip(Keys.SKIP + " is \"true\"") : new Verdict.Ready());

    public static final Stage SEED = new Stage("seed", Keys.SEED_STATUS, Keys.COMPONENT_SEED,
            Plan.Planned::seedJob,
            new Events(Reasons.SEED_JOB_CREATED, Reasons.SEED_SUCCEEDED, Reasons.SEED_FAILED,
                    Optional.of(Reasons.SEED_SKIPPED)),
            false,
            Stage::seedReadiness);

    /** The contract phase (issue 14): after the migration succeeded (or was skipped) and the rollout completed. */
    public static final Stage POST_DEPLOY = new Stage("post-deploy", Keys.POST_DEPLOY_STATUS, Keys.COMPONENT_POST_DEPLOY,
            Plan.Planned::postDeployJob,
            new Events(PostDeployEvents.JOB_CREATED, PostDeployEvents.SUCCEEDED, PostDeployEvents.FAILED,
                    Optional.of(PostDeployEvents.SKIPPED)),
            false,
            Stage::postDeployReadiness);

    /** In the order they run for one revision. */
    public static final List<Stage> ALL = List.of(MIGRATION, POST_DEPLOY, SEED);

    /** The stage a Job belongs to, by its component label (the synthesizer sets it). */
    public static Stage of(Job job) {
        String component = job.getMetadata().getLabels() == null ? null
                : job.getMetadata().getLabels().get(Keys.COMPONENT);
        return ALL.stream().filter(stage -> stage.component().equals(component)).findFirst().orElse(MIGRATION);
    }

    public boolean isMigration() {
        return this == MIGRATION;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The seed (docs/reference.md, the seed Job): for {@code seed-when: always} every revision, for {@code install}
     * the Deployment's first one only; it starts after the same revision's migration succeeded
     * and is skipped when that migration failed or was skipped.
     */
    private static Verdict seedReadiness(Snapshot snapshot, Plan.Planned planned, Map<Stage, Phase> earlier) {
        if (!hasSeed(snapshot, planned)) {
            return new Verdict.NotApplicable();
        }
        String name = planned.seedJob().get().getMetadata().getName();
        String seed = "seed Job " + name + " was not started because ";
        Phase migration = earlier.get(MIGRATION);
        if (migration == null) {
            return new Verdict.Wait();
        }
        switch (migration) {
            case Succeeded -> {
            }
            case Failed -> {
                return new Verdict.Skip(seed + "migration Job " + planned.jobName() + " failed");
            }
            case Skipped -> {
                return new Verdict.Skip(seed + "migration Job " + planned.jobName() + " was skipped (" + Keys.SKIP + ")");
            }
            default -> {
                return new Verdict.Wait();
            }
        }
        if (planned.postDeployJob().isEmpty()) {
            return new Verdict.Ready();
        }
        // The revision's last phase is its post-deploy Job: the seed follows it.
        String postDeploy = planned.postDeployJob().get().getMetadata().getName();
        Phase last = earlier.get(POST_DEPLOY);
        if (last == null) {
            return new Verdict.Wait();
        }
        return switch (last) {
            case Succeeded -> new Verdict.Ready();
            case Failed -> new Verdict.Skip(seed + "post-deploy Job " + postDeploy + " failed");
            case Skipped -> new Verdict.Skip(seed + "post-deploy Job " + postDeploy + " did not run");
            default -> new Verdict.Wait();
        };
    }

    /**
     * Whether this revision has a seed at all: one is asked for, and it is registered (the record or
     * the history names it) or this reconcile registers it ({@link #registers}). Judged from the
     * Deployment's records alone.
     */
    static boolean hasSeed(Snapshot snapshot, Plan.Planned planned) {
        if (planned.seedJob().isEmpty() || planned.settings().seed().isEmpty()) {
            return false;
        }
        String name = planned.seedJob().get().getMetadata().getName();
        boolean registered = snapshot.record(SEED).filter(r -> r.jobName().equals(name)).isPresent()
                || snapshot.history().find(name).isPresent();
        return registered || registers(snapshot, planned, planned.settings().seed().get().when());
    }

    /**
     * Whether a Job with this stage's name for the current revision that is not labelled as this
     * Deployment's (someone else's Job in the way) could change the decision, so that the loader must
     * read it by name. Not once the name has an outcome on record: the record's outcome and the
     * history come before any Job of that name in the decider, and a name in the history is final.
     * Not for a seed the revision does not have. (A Job this Deployment controls carries the
     * Deployment's label, {@link DesiredJob}, so the list of its labelled Jobs finds it.) Judged from
     * the Deployment's records alone, before any Job is read.
     */
    boolean mayFindInTheWay(Snapshot records, Plan.Planned planned, String name) {
        boolean outcomeOnRecord = records.record(this).filter(r -> r.isOutcomeOf(name)).isPresent()
                || records.history().find(name).isPresent();
        if (outcomeOnRecord) {
            return false;
        }
        return this != SEED || hasSeed(records, planned);
    }

    /**
     * The post-deploy Job starts once the same revision's migration succeeded (or was skipped) and
     * its rollout is complete, so no pod of the old code is left to read what it removes; it never
     * runs when the migration failed or the rollout failed, was superseded or rolled back.
     */
    private static Verdict postDeployReadiness(Snapshot snapshot, Plan.Planned planned, Map<Stage, Phase> earlier) {
        if (planned.postDeployJob().isEmpty()) {
            return new Verdict.NotApplicable();
        }
        return postDeployVerdict(snapshot, planned.postDeployJob().get().getMetadata().getName(), planned.jobName(),
                Optional.ofNullable(earlier.get(MIGRATION)));
    }

    /**
     * The {@link PostDeployGate}'s verdict for the post-deploy Job {@code postDeploy} of the revision
     * whose migration is {@code migrationJob}, as a stage verdict.
     *
     * @param migration the migration's phase as this reconcile decided it; empty: as the records say
     */
    static Verdict postDeployVerdict(Snapshot snapshot, String postDeploy, String migrationJob, Optional<Phase> migration) {
        FirstPhase first = firstPhase(snapshot, migrationJob, migration);
        var rollout = RolloutJudge.judge(snapshot.deployment(), snapshot.replicaSets().values(), migrationJob);
        PostDeployGate.Verdict verdict = PostDeployGate.decide(postDeploy, migrationJob, first, rollout);
        if (verdict instanceof PostDeployGate.Verdict.Never never) {
            return new Verdict.Skip(never.message());
        }
        return verdict instanceof PostDeployGate.Verdict.Start ? new Verdict.Ready() : new Verdict.Wait();
    }

    /**
     * The migration's outcome in the core's terms, from the controller's own reading of its records
     * (one parser): the phase this reconcile decided, else the history, else the record; it ended
     * when the history says, or now when this reconcile decided it.
     */
    static FirstPhase firstPhase(Snapshot snapshot, String migrationJob, Optional<Phase> decided) {
        Optional<History.Entry> entry = snapshot.history().find(migrationJob);
        Optional<Phase> phase = decided
                .or(() -> entry.map(History.Entry::outcome))
                .or(() -> snapshot.record(MIGRATION).filter(r -> r.isOutcomeOf(migrationJob)).map(MigrationStatus::phase));
        FirstPhase.Outcome outcome = phase.map(p -> switch (p) {
            case Succeeded -> FirstPhase.Outcome.SUCCEEDED;
            case Skipped -> FirstPhase.Outcome.SKIPPED;
            case Failed -> FirstPhase.Outcome.FAILED;
            default -> FirstPhase.Outcome.NOT_FINISHED;
        }).orElse(FirstPhase.Outcome.NOT_FINISHED);
        if (outcome == FirstPhase.Outcome.NOT_FINISHED) {
            return FirstPhase.notFinished();
        }
        Optional<Instant> at = entry.isPresent() ? History.instant(entry.get().at()) : Optional.of(snapshot.now());
        return new FirstPhase(outcome, at);
    }

    /**
     * Whether this revision gets a seed at all, asked only while neither the record nor the
     * history names this revision's seed. The seed is registered ({@code Waiting}) in the
     * reconcile that first handles the revision, before the migration's own record is written,
     * so "first" stays durable.
     */
    static boolean registers(Snapshot snapshot, Plan.Planned planned, SeedSettings.When when) {
        Optional<MigrationStatus> migration = snapshot.record(MIGRATION);
        if (migration.isPresent() && migration.get().isOutcomeOf(planned.jobName())
                || snapshot.history().find(planned.jobName()).isPresent()) {
            // The revision's migration ended before a seed was asked for: the seed would not follow "its" migration.
            return false;
        }
        if (when == SeedSettings.When.ALWAYS) {
            return true;
        }
        Optional<MigrationStatus> seed = snapshot.record(SEED);
        // "- Invalid" names no revision, so a Deployment whose first stored form was invalid is still on its first;
        // the history remembers earlier revisions even after such an interlude.
        boolean noMigrationYet = migration.map(m -> MigrationStatus.NO_JOB.equals(m.jobName())).orElse(true)
                && snapshot.history().entries().stream().noneMatch(e -> Stage.ofName(e.job()) == MIGRATION);
        boolean first = noMigrationYet && seed.isEmpty();
        // An install seed that never started (its revision was superseded while its migration ran) moves on to this
        // revision: the database has still not been seeded.
        boolean carried = seed.map(s -> s.phase() == Phase.Waiting).orElse(false);
        return first || carried;
    }

    /**
     * The stage of a Job known only by name (a history entry): by the infix the name function put
     * after the release, the last one in the name (a release may itself contain "-seed-").
     */
    static Stage ofName(String jobName) {
        int seed = jobName.lastIndexOf(JobNames.Purpose.SEED.infix());
        int migrate = jobName.lastIndexOf(JobNames.Purpose.MIGRATE.infix());
        int postDeploy = jobName.lastIndexOf(JobNames.Purpose.POST_DEPLOY.infix());
        if (postDeploy > migrate && postDeploy > seed) {
            return POST_DEPLOY;
        }
        return seed > migrate ? SEED : MIGRATION;
    }
}
