package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stored state for the decider, built as the tests read: a Deployment, its Jobs in given states, its pods. */
final class Given {
    static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    static final String UID = "0000-deploy-uid";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final Deployment deployment;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, List<Pod>> jobPods = new HashMap<>();
    private final List<Pod> gated = new ArrayList<>();
    private final Map<String, ReplicaSet> replicaSets = new HashMap<>();

    private Given(Deployment deployment) {
        this.deployment = deployment;
    }

    static Given stored(Deployment deployment) {
        return new Given(deployment);
    }

    Given jobs(Job... given) {
        for (Job job : given) {
            jobs.put(job.getMetadata().getName(), job);
        }
        return this;
    }

    Given podsOf(String job, Pod... pods) {
        jobPods.put(job, List.of(pods));
        return this;
    }

    Given gated(Pod... pods) {
        gated.addAll(List.of(pods));
        return this;
    }

    Given replicaSets(ReplicaSet... given) {
        for (ReplicaSet rs : given) {
            replicaSets.put(rs.getMetadata().getName(), rs);
        }
        return this;
    }

    Snapshot snapshot() {
        return new Snapshot(deployment, PLANNER.plan(deployment, Optional.empty()), jobs, jobPods, gated, replicaSets, NOW);
    }

    List<Step> decide() {
        return Decider.decide(snapshot());
    }

    // ---- what the tests build from ----

    static Plan.Planned plan(Deployment deployment) {
        return (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
    }

    static String migration(Deployment deployment) {
        return plan(deployment).jobName();
    }

    static String seed(Deployment deployment) {
        return plan(deployment).seedJob().orElseThrow().getMetadata().getName();
    }

    static Deployment annotated(DeploymentBuilder builder, String key, String value) {
        return value == null ? builder.build() : builder.editMetadata().addToAnnotations(key, value).endMetadata().build();
    }

    static Deployment withStatus(DeploymentBuilder builder, String status) {
        return annotated(builder, Keys.MIGRATION_STATUS, status);
    }

    static String history(String... jobOutcomePairs) {
        History history = History.empty();
        for (int i = jobOutcomePairs.length - 2; i >= 0; i -= 2) {
            history = history.with(new History.Entry(jobOutcomePairs[i], Phase.valueOf(jobOutcomePairs[i + 1]),
                    "2026-02-0" + (1 + i / 2) + "T00:00:00Z"));
        }
        return history.toJson();
    }

    /** The Job the controller would have created for this Deployment's migration, in a given state. */
    static Job migrationJob(Deployment deployment, String state) {
        return job(deployment, plan(deployment).job(), state);
    }

    static Job seedJob(Deployment deployment, String state) {
        return job(deployment, plan(deployment).seedJob().orElseThrow(), state);
    }

    static Job job(Deployment deployment, Job synthesized, String state) {
        JobBuilder builder = new JobBuilder(DesiredJob.of(deployment, synthesized))
                .editMetadata().withUid(synthesized.getMetadata().getName() + "-uid").withResourceVersion("3").endMetadata();
        return switch (state) {
            case "new" -> builder.build();
            case "running" -> builder.withNewStatus().withActive(1).withStartTime("2026-01-01T00:00:00Z").endStatus().build();
            // The Job controller's interim writes before Complete/Failed, and after an eviction.
            case "uncounted" -> builder.withNewStatus().withActive(0).withStartTime("2026-01-01T00:00:00Z")
                    .withNewUncountedTerminatedPods().withSucceeded("pod-uid-1").endUncountedTerminatedPods().endStatus().build();
            case "criteria-met" -> builder.withNewStatus().withActive(0).withSucceeded(1)
                    .addNewCondition().withType("SuccessCriteriaMet").withStatus("True").endCondition().endStatus().build();
            case "failure-target" -> builder.withNewStatus().withActive(0)
                    .addNewCondition().withType("FailureTarget").withStatus("True").endCondition().endStatus().build();
            case "terminating" -> builder.withNewStatus().withActive(0).withTerminating(1).endStatus().build();
            case "succeeded" -> builder.withNewStatus().withSucceeded(1).withStartTime("2026-01-01T00:00:00Z")
                    .withCompletionTime("2026-01-01T00:00:42Z")
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build();
            case "failed" -> builder.withNewStatus().withFailed(1).withStartTime("2026-01-01T00:00:00Z")
                    .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                    .withMessage("Job has reached the specified backoff limit").endCondition().endStatus().build();
            default -> throw new IllegalArgumentException(state);
        };
    }

    static Job deleting(Job job) {
        return new JobBuilder(job).editMetadata().withDeletionTimestamp("2026-03-01T09:59:59Z").endMetadata().build();
    }

    // ---- what the tests read from the steps ----

    static List<String> records(List<Step> steps, Stage stage) {
        return steps.stream().filter(Step.Record.class::isInstance).map(Step.Record.class::cast)
                .filter(r -> r.stage() == stage).map(r -> r.status().toString()).toList();
    }

    static List<String> reasons(List<Step> steps) {
        return steps.stream().filter(Step.Emit.class::isInstance).map(s -> ((Step.Emit) s).reason()).toList();
    }

    static Step.Emit event(List<Step> steps, String reason) {
        return steps.stream().filter(Step.Emit.class::isInstance).map(Step.Emit.class::cast)
                .filter(e -> reason.equals(e.reason())).findFirst().orElseThrow();
    }

    static List<String> created(List<Step> steps) {
        return steps.stream().filter(Step.CreateJob.class::isInstance).map(s -> ((Step.CreateJob) s).name()).toList();
    }

    static List<String> deleted(List<Step> steps) {
        return steps.stream().filter(Step.DeleteJob.class::isInstance).map(s -> ((Step.DeleteJob) s).name()).toList();
    }

    static List<String> released(List<Step> steps) {
        return steps.stream().filter(Step.ReleaseJob.class::isInstance).map(s -> ((Step.ReleaseJob) s).name()).toList();
    }

    /** The history this reconcile writes, or empty when it writes none. */
    static Optional<History> historyWritten(List<Step> steps) {
        return steps.stream().filter(Step.WriteHistory.class::isInstance).map(s -> ((Step.WriteHistory) s).history())
                .findFirst();
    }

    static <T extends Step> int indexOf(List<Step> steps, Class<T> type) {
        for (int i = 0; i < steps.size(); i++) {
            if (type.isInstance(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
