package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.kube.EventRecorder;
import dev.hookwright.kube.JobCreator;
import dev.hookwright.kube.JobDeleter;
import dev.hookwright.kube.PodConditionWriter;
import dev.hookwright.kube.StatusWriter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Carries out the decider's steps in order. The first API error stops the rest: the worker
 * retries the whole reconcile later, from a fresh read, so a half-done list is never resumed
 * from memory.
 */
public final class ActionRunner {
    private static final Logger LOG = Logger.getLogger(ActionRunner.class);

    /** Side effects, each behind its own one-method interface. */
    public record Effects(JobCreator creator, JobDeleter deleter, StatusWriter status, EventRecorder events,
                          PodConditionWriter pods) {
    }

    /** Thrown between steps when this replica no longer holds the lease: it must stop at once. */
    public static final class NotLeading extends RuntimeException {
        NotLeading() {
            super("this replica no longer holds the lease", null, false, false);
        }
    }

    private final Effects effects;
    private final MigrationMetrics metrics;
    private final BooleanSupplier leading;

    public ActionRunner(Effects effects, MigrationMetrics metrics, BooleanSupplier leading) {
        this.effects = effects;
        this.metrics = metrics;
        this.leading = leading;
    }

    public void run(Deployment read, List<Action> actions) {
        // The record writes are conditional on the resourceVersion; the second one of a reconcile
        // builds on the version the first produced, which proves nothing else changed in between.
        Deployment deployment = read;
        String namespace = deployment.getMetadata().getNamespace();
        for (Action action : actions) {
            if (!leading.getAsBoolean()) {
                throw new NotLeading();
            }
            if (action instanceof Action.CreateJob create) {
                String job = "Job " + namespace + "/" + create.job().getMetadata().getName();
                if (StepFailed.run("create " + job, () -> effects.creator().create(create.job()))) {
                    LOG.infof("created Job %s/%s for Deployment %s/%s (uid %s)", namespace, create.job().getMetadata().getName(),
                            namespace, deployment.getMetadata().getName(), deployment.getMetadata().getUid());
                    if (create.isMigration()) {
                        // The migration metrics count migrations; a seed Job is reported by its Events only.
                        metrics.created(namespace);
                    }
                    emit(deployment, Action.EventType.Normal, create.reason(), create.note());
                }
            } else if (action instanceof Action.DeleteJob delete) {
                LOG.infof("deleting Job %s/%s (uid %s), which has not started and no longer matches Deployment %s/%s",
                        namespace, delete.name(), delete.uid(), namespace, deployment.getMetadata().getName());
                StepFailed.run("delete Job " + namespace + "/" + delete.name(),
                        () -> effects.deleter().delete(namespace, delete.name(), delete.uid(), delete.resourceVersion()));
            } else if (action instanceof Action.RecordStatus record) {
                deployment = record(deployment, Keys.MIGRATION_STATUS, record.status());
            } else if (action instanceof Action.RecordSeedStatus record) {
                deployment = record(deployment, Keys.SEED_STATUS, record.status());
            } else if (action instanceof Action.Emit emit) {
                emit(deployment, emit.type(), emit.reason(), emit.note());
            } else if (action instanceof Action.MarkMigrated mark) {
                for (Pod pod : mark.pods()) {
                    StepFailed.run("set condition " + Keys.READINESS_GATE + " on Pod " + namespace + "/"
                            + pod.getMetadata().getName(), () -> effects.pods().markMigrated(pod));
                }
            } else if (action instanceof Action.Finished finished) {
                metrics.finished(namespace, finished.outcome(), finished.duration());
            }
        }
    }

    /** Writes one record and returns the Deployment as of that write (its new resourceVersion). */
    private Deployment record(Deployment deployment, String key, MigrationStatus status) {
        String written = StepFailed.run("record " + key + " on Deployment " + key(deployment),
                () -> effects.status().write(deployment, key, status.toString()));
        LOG.infof("Deployment %s/%s (uid %s): %s %s %s", deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName(), deployment.getMetadata().getUid(), key, status.jobName(), status.phase());
        return new DeploymentBuilder(deployment).editMetadata().withResourceVersion(written).endMetadata().build();
    }

    private void emit(Deployment deployment, Action.EventType type, String reason, String note) {
        StepFailed.run("record Event " + reason + " on Deployment " + key(deployment),
                () -> effects.events().record(deployment, type.name(), reason, Redactor.redact(note)));
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }
}
