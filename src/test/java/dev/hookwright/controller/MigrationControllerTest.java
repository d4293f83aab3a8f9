package dev.hookwright.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Eventually;
import dev.hookwright.testing.Https;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The running controller against fabric8's mock API server in CRUD mode: Job status is set by the test. */
@QuarkusTest
@TestProfile(ControllerOn.class)
@WithKubernetesTestServer(crud = true)
class MigrationControllerTest extends RunningControllerTest {

    @Test
    void givesALabelledDeploymentExactlyOneJobWithTheSynthesizedSpecAndAControllerReference() {
        long start = System.nanoTime();
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("[latency] the migration Job appeared %d ms after its Deployment was stored%n", millis);

        JsonNode created = Json.mapper().valueToTree(job.getSpec());
        JsonNode synthesized = Json.mapper().valueToTree(planOf(stored).job().getSpec());
        assertThat(created).isEqualTo(synthesized);
        assertThat(job.getMetadata().getLabels()).containsAllEntriesOf(planOf(stored).job().getMetadata().getLabels());
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getName()).isEqualTo("shop-web");
            assertThat(owner.getUid()).isEqualTo(stored.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isNull();
        });
        cluster.awaitStatus(stored, job.getMetadata().getName() + " Pending");
        assertThat(cluster.awaitEvent(stored, Reasons.JOB_CREATED).getType()).isEqualTo("Normal");
        assertThat(cluster.jobs(namespace)).hasSize(1);
    }

    @Test
    void measuresHowLongAJobTakesToAppearAfterItsDeploymentIsStored() {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Deployment unsaved = Deployments.optedIn(namespace, "latency-" + i, "shop:" + i).build();
            long start = System.nanoTime();
            Deployment stored = cluster.store(unsaved);
            cluster.awaitJob(namespace, migrationOf(stored));
            samples.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        List<Long> sorted = samples.stream().sorted().toList();
        System.out.printf("[latency] Deployment stored -> Job visible, 10 samples: min %d ms, median %d ms, max %d ms %s%n",
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), samples);
        assertThat(sorted.get(sorted.size() / 2)).as("median milliseconds").isLessThan(5000);
    }

    @Test
    void createsNothingWhenAnUpdateKeepsTheRevision() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        String name = migrationOf(stored);
        cluster.awaitJob(namespace, name);
        cluster.awaitStatus(stored, name + " Pending");

        double before = cluster.reconciles(namespace);
        cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d)
                .editSpec().withReplicas(5).endSpec().build());
        cluster.awaitReconcileAfter(namespace, before);

        Eventually.holdsFor("one Job only", Duration.ofMillis(500), () -> cluster.jobs(namespace).size() == 1);
        assertThat(cluster.events(stored, Reasons.JOB_CREATED)).hasSize(1);
    }

    @Test
    void startsTheNextRevisionOnlyAfterTheRunningOneFinished() {
        Deployment first = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job running = cluster.awaitJob(namespace, migrationOf(first));
        cluster.run(running);
        cluster.awaitStatus(first, running.getMetadata().getName() + " Running");

        Deployment second = newImage("shop:2");
        String next = migrationOf(second);
        assertThat(next).isNotEqualTo(running.getMetadata().getName());
        cluster.awaitStatus(second, next + " Waiting");
        assertThat(cluster.job(namespace, next)).as("waits for the running migration").isEmpty();
        assertThat(cluster.job(namespace, running.getMetadata().getName())).as("never killed").isPresent();

        cluster.succeed(running);
        cluster.awaitJob(namespace, next);
        cluster.awaitStatus(second, next + " Pending");
        assertThat(cluster.job(namespace, running.getMetadata().getName())).isPresent();
    }

    @Test
    void recordsSuccessWithAnEventAndDoesNotBringBackADeletedFinishedJob() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.succeed(job);
        cluster.awaitStatus(stored, job.getMetadata().getName() + " Succeeded");
        assertThat(cluster.awaitEvent(stored, Reasons.SUCCEEDED).getMessage()).contains(job.getMetadata().getName(), "in 7s");

        double before = cluster.reconciles(namespace);
        client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).delete();
        cluster.awaitReconcileAfter(namespace, before);
        cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d)
                .editMetadata().addToAnnotations("example.com/touched", "yes").endMetadata().build());
        cluster.awaitReconcileAfter(namespace, cluster.reconciles(namespace) - 1);

        Eventually.holdsFor("the deleted Job stays deleted", Duration.ofMillis(500),
                () -> cluster.job(namespace, job.getMetadata().getName()).isEmpty());
        assertThat(cluster.status(stored)).contains(job.getMetadata().getName() + " Succeeded");
        assertThat(cluster.events(stored, Reasons.JOB_CREATED)).hasSize(1);
    }

    @Test
    void recordsFailureWithTheRedactedTerminationMessageOfThePod() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.store(new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(job.getMetadata().getName() + "-x7k2q")
                    .addToLabels("batch.kubernetes.io/controller-uid", job.getMetadata().getUid())
                .endMetadata()
                .withNewSpec().addNewContainer().withName("migrate").withImage("shop:1").endContainer().endSpec()
                .withStatus(new PodStatusBuilder().addNewContainerStatus().withName("migrate").withNewState()
                        .withNewTerminated().withExitCode(1).withReason("Error")
                        .withMessage("error: connect postgres://shop:hunter2@db:5432/shop: relation \"users\" missing; "
                                + "retry with password=hunter2")
                        .endTerminated().endState().endContainerStatus().build())
                .build());
        cluster.fail(job);

        cluster.awaitStatus(stored, job.getMetadata().getName() + " Failed");
        Event failed = cluster.awaitEvent(stored, Reasons.FAILED);
        assertThat(failed.getType()).isEqualTo("Warning");
        assertThat(failed.getMessage())
                .contains("BackoffLimitExceeded", "exited with code 1", "postgres://shop:***@db:5432/shop", "password=***",
                        "relation \"users\" missing")
                .doesNotContain("hunter2");
        assertThat(failed.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    }

    @Test
    void leavesAForeignJobOfTheSameNameAloneAndReportsTheConflict() {
        Deployment unsaved = Deployments.optedIn(namespace, "shop-web", "shop:1").build();
        String name = migrationOf(unsaved);
        Job foreign = client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToAnnotations("helm.sh/hook", "pre-upgrade")
                .endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("hand-written").withImage("shop:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        Deployment stored = cluster.store(unsaved);
        Event conflict = cluster.awaitEvent(stored, Reasons.CONFLICT);

        assertThat(conflict.getType()).isEqualTo("Warning");
        Job after = cluster.job(namespace, name).orElseThrow();
        assertThat(after.getMetadata().getUid()).isEqualTo(foreign.getMetadata().getUid());
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getName()).isEqualTo("hand-written");
        assertThat(cluster.status(stored)).isEmpty();

        cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d)
                .editSpec().withReplicas(3).endSpec().build());
        Eventually.until("the repeated conflict counted on the same Event", () -> cluster.events(stored, Reasons.CONFLICT)
                .stream().anyMatch(e -> e.getCount() != null && e.getCount() >= 2));
        assertThat(cluster.events(stored, Reasons.CONFLICT)).hasSize(1);
    }

    @Test
    void replacesAJobThatHasNotStartedWhenTheDeploymentNoLongerMatchesIt() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job first = cluster.awaitJob(namespace, migrationOf(stored));

        Deployment edited = cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .addNewEnv().withName("LOG_LEVEL").withValue("debug").endEnv()
                        .endContainer().endSpec().endTemplate().endSpec().build());
        assertThat(migrationOf(edited)).as("an env edit keeps the revision").isEqualTo(first.getMetadata().getName());

        Job replaced = Eventually.await("a new Job of the same name", () -> cluster.job(namespace, first.getMetadata().getName())
                .filter(j -> !j.getMetadata().getUid().equals(first.getMetadata().getUid())));
        assertThat(replaced.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getName()).isEqualTo("LOG_LEVEL"));
        assertThat(cluster.jobs(namespace)).hasSize(1);
    }

    @Test
    void neverReplacesAJobThatHasStarted() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        Job started = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.run(started);
        cluster.awaitStatus(stored, started.getMetadata().getName() + " Running");

        double before = cluster.reconciles(namespace);
        cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .addNewEnv().withName("LOG_LEVEL").withValue("debug").endEnv()
                        .endContainer().endSpec().endTemplate().endSpec().build());
        cluster.awaitReconcileAfter(namespace, before);

        Eventually.holdsFor("the running Job is kept", Duration.ofMillis(500), () -> cluster.job(namespace,
                started.getMetadata().getName()).map(j -> j.getMetadata().getUid().equals(started.getMetadata().getUid()))
                .orElse(false));
    }

    @Test
    void recordsAStoredBadValueAsInvalidWithAWarningAndNoJob() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1")
                .editMetadata().addToAnnotations(Keys.BACKOFF_LIMIT, "99").endMetadata().build());

        cluster.awaitStatus(stored, "- Invalid");
        assertThat(cluster.awaitEvent(stored, Reasons.INVALID).getMessage()).contains(Keys.BACKOFF_LIMIT, "99");
        assertThat(cluster.jobs(namespace)).isEmpty();
    }

    @Test
    void setsThePreGateConditionOnlyAfterTheMigrationSucceeded() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:2")
                .editMetadata().addToAnnotations(Keys.WHEN, "pre").endMetadata().build());
        Pod current = cluster.store(Deployments.gatedPod(stored, "shop-web-new", "shop:2"));
        Pod older = cluster.store(Deployments.gatedPod(stored, "shop-web-old", "shop:1"));
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.run(job);
        cluster.awaitStatus(stored, job.getMetadata().getName() + " Running");
        assertThat(PodGates.isMigrated(cluster.pod(current))).as("not before success").isFalse();

        cluster.succeed(job);

        Eventually.until("the new pod's condition " + Keys.READINESS_GATE, () -> PodGates.isMigrated(cluster.pod(current)));
        cluster.awaitStatus(stored, job.getMetadata().getName() + " Succeeded");
        assertThat(PodGates.isMigrated(cluster.pod(older))).as("a pod of another image").isFalse();
    }

    @Test
    void runsTheMigrationOfADeploymentStoredWhileTheControllerWasStopped() {
        controller.stop();
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").build());
        assertThat(cluster.jobs(namespace)).isEmpty();

        long start = System.nanoTime();
        controller.start();
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        System.out.printf("[latency] after a restart the Job appeared %d ms after the controller started%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(job.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(stored.getMetadata().getUid());
    }

    @Test
    void holdsAJobItsTtlDeletesAtOnceUntilItsOutcomeIsRecordedThenLetsItGo() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:1").editMetadata()
                .addToAnnotations(Keys.TTL_SECONDS_AFTER_FINISHED, "0").endMetadata().build());
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        assertThat(job.getMetadata().getFinalizers()).containsExactly(Keys.OUTCOME_FINALIZER);

        controller.stop();
        cluster.succeed(job);
        // The TTL controller, while hookwright is down: the finalizer only marks it for deletion.
        client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).delete();
        assertThat(cluster.job(namespace, job.getMetadata().getName())).hasValueSatisfying(
                held -> assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull());
        controller.start();

        cluster.awaitStatus(stored, job.getMetadata().getName() + " Succeeded");
        Eventually.until("the Job let go", () -> cluster.job(namespace, job.getMetadata().getName()).isEmpty());
        assertThat(cluster.deployment(stored).getMetadata().getAnnotations().get(Keys.MIGRATION_HISTORY))
                .contains("\"job\":\"" + job.getMetadata().getName() + "\"", "\"outcome\":\"Succeeded\"");
        assertThat(cluster.awaitEvent(stored, Reasons.SUCCEEDED).getMessage()).contains(job.getMetadata().getName());
        Eventually.holdsFor("never created again", Duration.ofMillis(500),
                () -> cluster.job(namespace, job.getMetadata().getName()).isEmpty());
    }

    @Test
    void readsTheGatedPodsOfASettledDeploymentOnlyOnceItsStatusCountsAPodThatIsNotReady() {
        Deployment stored = migratedPreDeployment();
        double before = cluster.reconciles(namespace);
        setStatus(2, 2);
        cluster.awaitReconcileAfter(namespace, before);

        // Settled (every pod ready): neither listed nor watched, so a pod the status does not count yet waits.
        Pod arrived = cluster.store(Deployments.gatedPod(stored, "shop-web-scaled", "shop:2"));
        Eventually.holdsFor("not read while the status says every pod is ready", Duration.ofMillis(500),
                () -> !PodGates.isMigrated(cluster.pod(arrived)));

        // The Deployment controller counts it: 3 pods, 2 ready. That change reconciles the Deployment.
        setStatus(3, 2);
        Eventually.until("the new pod released", () -> PodGates.isMigrated(cluster.pod(arrived)));
    }

    /** "shop-web", holding traffic ({@code pre}), its migration Job run and recorded Succeeded. */
    private Deployment migratedPreDeployment() {
        Deployment stored = cluster.store(Deployments.optedIn(namespace, "shop-web", "shop:2")
                .editMetadata().addToAnnotations(Keys.WHEN, "pre").endMetadata().build());
        Job job = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.succeed(job);
        cluster.awaitStatus(stored, job.getMetadata().getName() + " Succeeded");
        return stored;
    }

    private void setStatus(int replicas, int ready) {
        cluster.deploymentStatus(namespace, "shop-web", d -> new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready).build());
    }

    @Test
    void releasesAGatedPodCreatedAfterTheMigrationSucceededWithinSeconds() {
        Deployment stored = migratedPreDeployment();
        double settled = cluster.reconciles(namespace);
        Eventually.holdsFor("nothing left to reconcile", Duration.ofMillis(300), () -> true);

        long start = System.nanoTime();
        Pod late = cluster.store(Deployments.gatedPod(stored, "shop-web-late", "shop:2"));
        Eventually.until("the late pod's condition", () -> PodGates.isMigrated(cluster.pod(late)));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("[latency] a gated pod created after success was released %d ms after it appeared%n", millis);
        assertThat(millis).as("released by the pod watch, not a resync (%s reconciles before)", settled).isLessThan(5000);
    }

    @Test
    void noticesWithinSecondsThatAConflictingHandWrittenJobWasDeleted() {
        Deployment unsaved = Deployments.optedIn(namespace, "shop-web", "shop:1").build();
        String name = migrationOf(unsaved);
        client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("hand-written").withImage("shop:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        Deployment stored = cluster.store(unsaved);
        cluster.awaitEvent(stored, Reasons.CONFLICT);

        long start = System.nanoTime();
        client.batch().v1().jobs().inNamespace(namespace).withName(name).delete();
        Job ours = Eventually.await("hookwright's Job", () -> cluster.job(namespace, name)
                .filter(j -> j.getMetadata().getOwnerReferences() != null && !j.getMetadata().getOwnerReferences().isEmpty()));
        System.out.printf("[latency] the Job was created %d ms after the conflicting one was deleted%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(ours.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(stored.getMetadata().getUid());
    }

    @Test
    void reportsItsOwnHealthApartFromTheWebhooksReadiness() {
        Https.management().get("/q/health/group/controller")
                .then().statusCode(200)
                .body("checks[0].name", equalTo("migration-controller"))
                .body("checks[0].data.leading", equalTo("true"))
                .body("checks[0].data.mode", equalTo("running"));
        Https.management().get("/q/health/ready")
                .then().body("checks.name", not(hasItem("migration-controller")));
    }
}
