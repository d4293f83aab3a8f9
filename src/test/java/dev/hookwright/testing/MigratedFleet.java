package dev.hookwright.testing;

import dev.hookwright.controller.DesiredJob;
import dev.hookwright.controller.History;
import dev.hookwright.controller.MigrationStatus;
import dev.hookwright.controller.Phase;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opted-in, Helm-managed Deployments whose migrations all ran, stored as the cluster holds them
 * after the fact: the manifest as Helm applied it, the webhook's record ({@code migration-job},
 * the {@code pre} readiness gate), the controller's records (history, status of each stage), a
 * settled rollout in the status, and the Jobs the TTL controller has not removed yet (finished,
 * their finalizer released). A controller that reads them has nothing to do: no write, no Job.
 *
 * <p>Four shapes, by index: a plain migration ({@code when: post}); {@code pre} (readiness gate);
 * a post-deploy Job; a seed ({@code seed-when: install}), which ran with the first revision only.
 */
public final class MigratedFleet {
    public static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    private static final String AT = "2026-03-01T10:00:00Z";
    private static final int REPLICAS = 2;

    /** The four shapes. */
    public enum Shape {
        PLAIN, PRE, POST_DEPLOY, SEED;

        public static Shape of(int index) {
            return values()[index % values().length];
        }
    }

    private final KubernetesClient client;

    public MigratedFleet(KubernetesClient client) {
        this.client = client;
    }

    /** The manifest Helm applies for {@code revision} (image {@code <name>:<revision>}), with the webhook's record. */
    public static Deployment manifest(String namespace, String name, Shape shape, int revision) {
        DeploymentBuilder builder = Deployments.optedIn(namespace, name, name + ":" + revision).editMetadata()
                .addToAnnotations(Keys.HELM_RELEASE_NAME, name)
                .addToAnnotations(Keys.WHEN, shape == Shape.PRE ? "pre" : "post")
                .endMetadata();
        if (shape == Shape.POST_DEPLOY) {
            builder.editMetadata().addToAnnotations(Keys.POST_DEPLOY_COMMAND, "[\"rake\",\"db:contract\"]").endMetadata();
        }
        if (shape == Shape.SEED) {
            builder.editMetadata().addToAnnotations(Keys.SEED_COMMAND, "[\"node\",\"db/seed.mjs\"]")
                    .addToAnnotations(Keys.SEED_WHEN, "install").endMetadata();
        }
        Deployment manifest = builder.build();
        // What the webhook adds on admission: the record of the Job, and for pre the readiness gate.
        Plan.Planned planned = plan(manifest);
        DeploymentBuilder admitted = new DeploymentBuilder(manifest).editMetadata()
                .addToAnnotations(Keys.MIGRATION_JOB, planned.jobName()).endMetadata();
        if (planned.settings().holdsTraffic()) {
            admitted.editSpec().editTemplate().editSpec().addNewReadinessGate().withConditionType(Keys.READINESS_GATE)
                    .endReadinessGate().endSpec().endTemplate().endSpec();
        }
        return admitted.build();
    }

    public static Plan.Planned plan(Deployment deployment) {
        return (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
    }

    /**
     * Stores the Deployment at {@code revision} with revisions 1..revision all migrated, and, when
     * {@code jobsLeft}, the current revision's finished Jobs still there. Returns the stored Deployment.
     */
    public Deployment store(String namespace, String name, Shape shape, int revision, boolean jobsLeft) {
        Deployment current = manifest(namespace, name, shape, revision);
        Plan.Planned planned = plan(current);
        History history = History.empty();
        for (int r = 1; r <= revision; r++) {
            Plan.Planned then = plan(manifest(namespace, name, shape, r));
            history = history.with(new History.Entry(then.jobName(), Phase.Succeeded, AT));
            if (then.postDeployJob().isPresent()) {
                history = history.with(new History.Entry(then.postDeployJob().get().getMetadata().getName(), Phase.Succeeded, AT));
            }
            if (r == 1 && then.seedJob().isPresent()) {
                history = history.with(new History.Entry(then.seedJob().get().getMetadata().getName(), Phase.Succeeded, AT));
            }
        }
        DeploymentBuilder builder = new DeploymentBuilder(current).editMetadata()
                .addToAnnotations(Keys.MIGRATION_HISTORY, history.toJson())
                .addToAnnotations(Keys.MIGRATION_STATUS, new MigrationStatus(planned.jobName(), Phase.Succeeded).toString())
                .endMetadata();
        planned.postDeployJob().ifPresent(job -> builder.editMetadata().addToAnnotations(Keys.POST_DEPLOY_STATUS,
                new MigrationStatus(job.getMetadata().getName(), Phase.Succeeded).toString()).endMetadata());
        if (shape == Shape.SEED) {
            // seed-when install: the seed of the first revision, whatever the revision is now.
            String firstSeed = plan(manifest(namespace, name, shape, 1)).seedJob().orElseThrow().getMetadata().getName();
            builder.editMetadata().addToAnnotations(Keys.SEED_STATUS, new MigrationStatus(firstSeed, Phase.Succeeded).toString())
                    .endMetadata();
        }
        Deployment stored = client.apps().deployments().inNamespace(namespace).resource(builder.build()).create();
        stored = settle(stored);
        if (jobsLeft) {
            List<Job> finished = new ArrayList<>(List.of(planned.job()));
            planned.postDeployJob().ifPresent(finished::add);
            if (revision == 1) {
                planned.seedJob().ifPresent(finished::add);
            }
            for (Job job : finished) {
                storeFinished(stored, job);
            }
        }
        return stored;
    }

    /** The rollout is complete: every pod of the current template is ready, as the Deployment controller reports it. */
    public Deployment settle(Deployment stored) {
        long generation = stored.getMetadata().getGeneration() == null ? 1 : stored.getMetadata().getGeneration();
        return client.apps().deployments().inNamespace(stored.getMetadata().getNamespace())
                .withName(stored.getMetadata().getName()).editStatus(d -> {
                    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(REPLICAS)
                            .withReadyReplicas(REPLICAS).withUpdatedReplicas(REPLICAS).withAvailableReplicas(REPLICAS)
                            .build());
                    return d;
                });
    }

    /** A Job as the controller made it, finished and its outcome recorded (finalizer gone), its TTL not yet up. */
    private void storeFinished(Deployment owner, Job synthesized) {
        Job made = new JobBuilder(DesiredJob.of(owner, synthesized)).editMetadata().withFinalizers(List.of()).endMetadata().build();
        Job stored = client.batch().v1().jobs().inNamespace(owner.getMetadata().getNamespace()).resource(made).create();
        client.batch().v1().jobs().inNamespace(owner.getMetadata().getNamespace()).withName(stored.getMetadata().getName())
                .editStatus(job -> {
                    job.setStatus(new JobStatusBuilder().withSucceeded(1).withStartTime("2026-03-01T09:59:50Z")
                            .withCompletionTime(AT)
                            .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
                    return job;
                });
    }

    /**
     * Helm upgrades the Deployment to {@code revision}, admitted by the webhook: the new manifest
     * over the stored object, which keeps the controller's records and its status.
     */
    public Deployment upgrade(String namespace, String name, Shape shape, int revision) {
        Deployment next = manifest(namespace, name, shape, revision);
        return client.apps().deployments().inNamespace(namespace).withName(name).edit(stored -> {
            DeploymentBuilder builder = new DeploymentBuilder(stored).withSpec(next.getSpec());
            builder.editMetadata().addToAnnotations(next.getMetadata().getAnnotations()).endMetadata();
            return builder.build();
        });
    }
}
