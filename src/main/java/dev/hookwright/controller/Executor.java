package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.kube.WritePort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Carries out the decider's steps in order through the {@link WritePort}. The first API error
 * stops the rest (pod conditions excepted: each pod on its own): the worker retries the whole
 * reconcile later, from a fresh read.
 */
public final class Executor {
    private static final Logger LOG = Logger.getLogger(Executor.class);
    /** A create whose answer was lost (timeout, 5xx) is sent again this many times in all before the reconcile fails. */
    static final int CREATE_ATTEMPTS = 3;

    /** Thrown between steps when this replica no longer holds the lease: it must stop at once. */
    public static final class NotLeading extends RuntimeException {
        NotLeading() {
            super("this replica no longer holds the lease", null, false, false);
        }
    }

    private final WritePort port;
    private final MigrationMetrics metrics;
    private final BooleanSupplier leading;

    public Executor(WritePort port, MigrationMetrics metrics, BooleanSupplier leading) {
        this.port = port;
        this.metrics = metrics;
        this.leading = leading;
    }

    public void run(Deployment read, List<Step> steps) {
        run(read, steps, "");
    }

    /**
     * @return the Deployment as of the last record written (its resourceVersion), so that a further
     *         record of the same reconcile is conditional on exactly that write
     */
    private Deployment run(Deployment read, List<Step> steps, String refusal) {
        Deployment deployment = read;
        String namespace = deployment.getMetadata().getNamespace();
        for (Step step : steps) {
            if (!leading.getAsBoolean()) {
                throw new NotLeading();
            }
            if (step instanceof Step.WriteHistory history) {
                deployment = annotate(deployment, Keys.MIGRATION_HISTORY, history.history().toJson(), "history");
                lastSucceeded(deployment, history.history());
            } else if (step instanceof Step.Record record) {
                deployment = annotate(deployment, record.stage().statusKey(), record.status().toString(),
                        record.status().jobName() + " " + record.status().phase());
                if (record.stage().isMigration()) {
                    metrics.status(namespace, deployment.getMetadata().getName(), record.status().phase().name());
                }
            } else if (step instanceof Step.WriteMessage message) {
                // Redacted and at most 1 KiB, like every note: an annotation outlives the Event.
                deployment = annotate(deployment, Keys.MIGRATION_MESSAGE, Redactor.redact(message.message()), "message");
            } else if (step instanceof Step.DeleteJob delete) {
                LOG.infof("deleting Job %s/%s (uid %s) of Deployment %s (uid %s): %s", namespace, delete.name(), delete.uid(),
                        describe(deployment), deployment.getMetadata().getUid(), delete.why());
                StepFailed.run("delete Job " + namespace + "/" + delete.name(),
                        () -> port.deleteJob(namespace, delete.name(), delete.uid(), delete.resourceVersion()));
            } else if (step instanceof Step.ReleaseJob release) {
                StepFailed.run("remove finalizer " + Keys.OUTCOME_FINALIZER + " from Job " + namespace + "/" + release.name(),
                        () -> port.releaseJob(namespace, release.name(), release.uid()));
                LOG.debugf("released Job %s/%s (uid %s)", namespace, release.name(), release.uid());
            } else if (step instanceof Step.KeepJob keep) {
                StepFailed.run("remove spec.ttlSecondsAfterFinished from failed Job " + namespace + "/" + keep.name(),
                        () -> port.keepJob(namespace, keep.name(), keep.uid()));
                LOG.infof("kept failed Job %s/%s (uid %s) of Deployment %s for inspection: its TTL is removed", namespace,
                        keep.name(), keep.uid(), describe(deployment));
            } else if (step instanceof Step.CreateJob create) {
                deployment = create(deployment, create);
            } else if (step instanceof Step.Emit emit) {
                String note = refusal.isEmpty() || !Reasons.REJECTED.equals(emit.reason()) ? emit.note()
                        : emit.note() + ". The API server said: " + refusal;
                emit(deployment, emit.type(), emit.reason(), note);
            } else if (step instanceof Step.Finished finished) {
                metrics.finished(namespace, finished.outcome(), finished.duration());
            } else if (step instanceof Step.MarkMigrated mark) {
                mark(deployment, mark.pods());
            }
        }
        return deployment;
    }

    /**
     * The per-migration gauges from what a reconcile read, so they survive a restart and a change
     * of leader: the recorded phase, the end of the newest successful migration, and the deadline
     * of a migration Job that has started. A Deployment no longer opted in, or being deleted, has none.
     */
    public void observe(Snapshot snapshot) {
        String namespace = snapshot.key().namespace();
        String name = snapshot.key().name();
        if (snapshot.isBeingDeleted() || snapshot.plan() instanceof dev.hookwright.core.inject.Plan.NotOptedIn
                || snapshot.plan() instanceof dev.hookwright.core.inject.Plan.NoRelease) {
            metrics.forget(namespace, name);
            return;
        }
        Optional<MigrationStatus> record = snapshot.record(Stage.MIGRATION);
        if (record.isEmpty()) {
            return;
        }
        metrics.status(namespace, name, record.get().phase().name());
        lastSucceeded(snapshot.deployment(), snapshot.history());
        Job job = snapshot.jobs().get(record.get().jobName());
        if (job != null && !JobState.of(job).isFinished() && job.getStatus() != null && job.getStatus().getStartTime() != null
                && job.getSpec() != null && job.getSpec().getActiveDeadlineSeconds() != null) {
            long deadline = job.getSpec().getActiveDeadlineSeconds();
            History.instant(job.getStatus().getStartTime())
                    .ifPresent(start -> metrics.runningUntil(namespace, name, start.plusSeconds(deadline)));
        }
    }

    /** A Deployment gone, no longer watched, or in a namespace now ignored: its per-migration series go. */
    public void forget(DeploymentKey key) {
        metrics.forget(key.namespace(), key.name());
    }

    private void lastSucceeded(Deployment deployment, History history) {
        history.entries().stream()
                .filter(entry -> entry.outcome() == Phase.Succeeded && Stage.ofName(entry.job()) == Stage.MIGRATION)
                .findFirst()
                .flatMap(entry -> History.instant(entry.at()))
                .ifPresent(at -> metrics.lastSucceeded(deployment.getMetadata().getNamespace(),
                        deployment.getMetadata().getName(), at));
    }

    /** Releases the Jobs of a Deployment that is gone. */
    public void release(String namespace, List<Step> releases) {
        for (Step step : releases) {
            if (!leading.getAsBoolean()) {
                throw new NotLeading();
            }
            if (step instanceof Step.ReleaseJob release) {
                StepFailed.run("remove finalizer " + Keys.OUTCOME_FINALIZER + " from Job " + namespace + "/" + release.name(),
                        () -> port.releaseJob(namespace, release.name(), release.uid()));
                LOG.infof("released Job %s/%s (uid %s): its Deployment is gone", namespace, release.name(), release.uid());
            }
        }
    }

    private Deployment create(Deployment deployment, Step.CreateJob create) {
        String namespace = deployment.getMetadata().getNamespace();
        String job = "Job " + namespace + "/" + create.name();
        for (int attempt = 1; ; attempt++) {
            WritePort.Created created;
            try {
                created = port.createJob(create.job(), deployment.getMetadata().getUid());
            } catch (KubernetesClientException e) {
                // After a lost answer the Job may exist: a refusal of the resend proves nothing about it, so the
                // reconcile fails and a fresh read decides (the Job is there, or the next create is a first one).
                if (refusedForGood(e) && attempt == 1) {
                    String refusal = "HTTP " + e.getCode() + ": " + message(e);
                    LOG.warnf("%s of Deployment %s (uid %s) was refused: %s", job, describe(deployment),
                            deployment.getMetadata().getUid(), Redactor.redact(refusal));
                    return run(deployment, create.rejected(), refusal);
                }
                if (transient_(e) && attempt < CREATE_ATTEMPTS) {
                    continue;
                }
                throw StepFailed.of("create " + job, e);
            }
            // A retried POST answered 409 with our own Job: the lost first answer had created it.
            boolean byThisCall = created == WritePort.Created.CREATED
                    || created == WritePort.Created.EXISTS_OURS && attempt > 1;
            if (byThisCall) {
                LOG.infof("created %s for Deployment %s (uid %s)", job, describe(deployment), deployment.getMetadata().getUid());
                if (create.stage().countedInMetrics()) {
                    metrics.created(namespace);
                }
                emit(deployment, Step.EventType.Normal, create.stage().events().created(), create.note());
            }
            return deployment;
        }
    }

    /**
     * 403 from an admission webhook or a quota, and 422, are answers: sending the same Job again
     * gets the same. A 403 for want of RBAC is not: it is fixed by the operator and retried.
     */
    static boolean refusedForGood(KubernetesClientException e) {
        if (e.getCode() == 422) {
            return true;
        }
        return e.getCode() == 403 && !message(e).contains("cannot create resource");
    }

    private static boolean transient_(KubernetesClientException e) {
        return e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
    }

    /** Each pod on its own: one that fails does not keep the others from being released; the reconcile is retried. */
    private void mark(Deployment deployment, List<Pod> pods) {
        List<String> failed = new ArrayList<>();
        StepFailed first = null;
        for (Pod pod : pods) {
            String what = "set condition " + Keys.READINESS_GATE + " on Pod " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName();
            try {
                StepFailed.run(what, () -> port.markMigrated(pod));
                LOG.infof("released Pod %s/%s (uid %s) of Deployment %s", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), pod.getMetadata().getUid(), describe(deployment));
            } catch (StepFailed e) {
                failed.add(pod.getMetadata().getName());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw StepFailed.of(failed.size() + " of " + pods.size() + " pods not released (" + String.join(", ", failed)
                    + "); first: " + first.getMessage(), first.getCause());
        }
    }

    /** Writes one annotation and returns the Deployment as of that write (its new resourceVersion). */
    private Deployment annotate(Deployment deployment, String key, String value, String what) {
        String written = StepFailed.run("record " + key + " on Deployment " + describe(deployment),
                () -> port.annotate(deployment, key, value));
        LOG.infof("Deployment %s (uid %s): %s %s", describe(deployment), deployment.getMetadata().getUid(), key, what);
        return new DeploymentBuilder(deployment).editMetadata().withResourceVersion(written).endMetadata().build();
    }

    private void emit(Deployment deployment, Step.EventType type, String reason, String note) {
        StepFailed.run("record Event " + reason + " on Deployment " + describe(deployment),
                () -> port.event(deployment, type.name(), reason, Redactor.redact(note)));
    }

    private static String describe(Deployment deployment) {
        return DeploymentKey.of(deployment).toString();
    }
}
