package dev.hookwright.controller;

import dev.hookwright.kube.EventRecorder;
import dev.hookwright.kube.JobCreator;
import dev.hookwright.kube.JobDeleter;
import dev.hookwright.kube.PodConditionWriter;
import dev.hookwright.kube.StatusWriter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

    public void run(Deployment deployment, List<Action> actions) {
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
                    metrics.created(namespace);
                    emit(deployment, Action.EventType.Normal, Reasons.JOB_CREATED, create.note());
                }
            } else if (action instanceof Action.DeleteJob delete) {
                LOG.infof("deleting Job %s/%s (uid %s), which has not started and no longer matches Deployment %s/%s",
                        namespace, delete.name(), delete.uid(), namespace, deployment.getMetadata().getName());
                StepFailed.run("delete Job " + namespace + "/" + delete.name(),
                        () -> effects.deleter().delete(namespace, delete.name(), delete.uid(), delete.resourceVersion()));
            } else if (action instanceof Action.RecordStatus record) {
                StepFailed.run("record migration-status on Deployment " + key(deployment),
                        () -> effects.status().write(deployment, record.status().toString()));
                LOG.infof("Deployment %s/%s (uid %s): %s %s", namespace, deployment.getMetadata().getName(),
                        deployment.getMetadata().getUid(), record.status().jobName(), record.status().phase());
            } else if (action instanceof Action.Emit emit) {
                emit(deployment, emit.type(), emit.reason(), emit.note());
            } else if (action instanceof Action.MarkMigrated mark) {
                for (Pod pod : mark.pods()) {
                    StepFailed.run("set condition " + dev.hookwright.core.Keys.READINESS_GATE + " on Pod " + namespace + "/"
                            + pod.getMetadata().getName(), () -> effects.pods().markMigrated(pod));
                }
            } else if (action instanceof Action.Finished finished) {
                metrics.finished(namespace, finished.outcome(), finished.duration());
            }
        }
    }

    private void emit(Deployment deployment, Action.EventType type, String reason, String note) {
        StepFailed.run("record Event " + reason + " on Deployment " + key(deployment),
                () -> effects.events().record(deployment, type.name(), reason, Redactor.redact(note)));
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }
}
