package dev.hookwright.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed Job with the running controller against fabric8's mock API server in CRUD mode; Job status is set by the test. */
@QuarkusTest
@TestProfile(ControllerOn.class)
@WithKubernetesTestServer(crud = true)
class SeedControllerTest extends RunningControllerTest {

    private Deployment storeSeeded(String image, String when) {
        return cluster.store(Deployments.optedIn(namespace, "shop-web", image).editMetadata()
                .addToAnnotations(Keys.SEED_COMMAND, SeedStageTest.SEED_COMMAND).addToAnnotations(Keys.SEED_WHEN, when)
                .endMetadata().build());
    }

    private String seedOf(Deployment deployment) {
        return planOf(deployment).seedJob().orElseThrow().getMetadata().getName();
    }

    /** Stores a Deployment and drives its first migration to success, up to its seed Job. */
    private Job migrateUntilTheSeedStarts(Deployment stored) {
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.succeed(migration);
        return cluster.awaitJob(namespace, seedOf(stored));
    }

    @Test
    void createsNoSeedJobWhileTheMigrationRuns() {
        Deployment stored = storeSeeded("shop:1", "install");
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.awaitSeedStatus(stored, seedOf(stored) + " Waiting");
        cluster.run(migration);
        cluster.awaitStatus(stored, migration.getMetadata().getName() + " Running");

        Eventually.holdsFor("no seed Job while the migration runs", Duration.ofMillis(500),
                () -> cluster.job(namespace, seedOf(stored)).isEmpty());
        assertThat(cluster.seedStatus(stored)).contains(seedOf(stored) + " Waiting");
    }

    @Test
    void createsTheSeedJobRightAfterTheMigrationSucceededAndReportsItsSuccess() {
        Deployment stored = storeSeeded("shop:1", "install");
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));
        cluster.run(migration);
        cluster.awaitStatus(stored, migration.getMetadata().getName() + " Running");

        cluster.succeed(migration);
        Job seed = cluster.awaitJob(namespace, seedOf(stored));

        assertThat(seed.getMetadata().getLabels()).containsEntry(Keys.COMPONENT, Keys.COMPONENT_SEED);
        assertThat(seed.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(stored.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        JsonNode created = Json.mapper().valueToTree(seed.getSpec());
        JsonNode synthesized = Json.mapper().valueToTree(planOf(stored).seedJob().orElseThrow().getSpec());
        assertThat(created).isEqualTo(synthesized);
        cluster.awaitStatus(stored, migration.getMetadata().getName() + " Succeeded");
        cluster.awaitSeedStatus(stored, seed.getMetadata().getName() + " Pending");
        assertThat(cluster.awaitEvent(stored, Reasons.SEED_JOB_CREATED).getMessage())
                .contains(seed.getMetadata().getName(), migration.getMetadata().getName());

        cluster.succeed(seed);
        cluster.awaitSeedStatus(stored, seed.getMetadata().getName() + " Succeeded");
        assertThat(cluster.awaitEvent(stored, Reasons.SEED_SUCCEEDED).getType()).isEqualTo("Normal");
        assertThat(cluster.events(stored, Reasons.JOB_CREATED)).as("one migration Job only").hasSize(1);
    }

    @Test
    void startsNoSeedAndSaysSoInAWarningWhenTheMigrationFails() {
        Deployment stored = storeSeeded("shop:1", "always");
        Job migration = cluster.awaitJob(namespace, migrationOf(stored));

        cluster.fail(migration);

        cluster.awaitSeedStatus(stored, seedOf(stored) + " Skipped");
        Event skipped = cluster.awaitEvent(stored, Reasons.SEED_SKIPPED);
        assertThat(skipped.getType()).isEqualTo("Warning");
        assertThat(skipped.getMessage()).contains(seedOf(stored), migration.getMetadata().getName(), "failed");
        Eventually.holdsFor("no seed Job", Duration.ofMillis(500), () -> cluster.job(namespace, seedOf(stored)).isEmpty());
    }

    @Test
    void seedsOnlyTheFirstRevisionWhenSeedWhenIsInstall() {
        Deployment first = storeSeeded("shop:1", "install");
        Job firstSeed = migrateUntilTheSeedStarts(first);
        cluster.succeed(firstSeed);
        cluster.awaitSeedStatus(first, firstSeed.getMetadata().getName() + " Succeeded");

        Deployment second = newImage("shop:2");
        Job secondMigration = cluster.awaitJob(namespace, migrationOf(second));
        cluster.succeed(secondMigration);
        cluster.awaitStatus(second, secondMigration.getMetadata().getName() + " Succeeded");

        assertThat(seedOf(second)).isNotEqualTo(firstSeed.getMetadata().getName());
        Eventually.holdsFor("no seed for the second revision", Duration.ofMillis(500),
                () -> cluster.job(namespace, seedOf(second)).isEmpty());
        assertThat(cluster.seedStatus(second)).contains(firstSeed.getMetadata().getName() + " Succeeded");
        assertThat(cluster.events(second, Reasons.SEED_JOB_CREATED)).hasSize(1);
    }

    @Test
    void seedsEveryRevisionWhenSeedWhenIsAlways() {
        Deployment first = storeSeeded("shop:1", "always");
        Job firstSeed = migrateUntilTheSeedStarts(first);
        cluster.succeed(firstSeed);
        cluster.awaitSeedStatus(first, firstSeed.getMetadata().getName() + " Succeeded");

        Deployment second = newImage("shop:2");
        Job secondSeed = migrateUntilTheSeedStarts(second);

        assertThat(secondSeed.getMetadata().getName()).isNotEqualTo(firstSeed.getMetadata().getName());
        cluster.awaitSeedStatus(second, secondSeed.getMetadata().getName() + " Pending");
    }

    @Test
    void doesNotBringBackAFinishedSeedJobThatItsTtlRemoved() {
        Deployment stored = storeSeeded("shop:1", "install");
        Job seed = migrateUntilTheSeedStarts(stored);
        cluster.succeed(seed);
        cluster.awaitSeedStatus(stored, seed.getMetadata().getName() + " Succeeded");

        double before = cluster.reconciles(namespace);
        client.batch().v1().jobs().inNamespace(namespace).withName(seed.getMetadata().getName()).delete();
        client.batch().v1().jobs().inNamespace(namespace).withName(migrationOf(stored)).delete();
        cluster.awaitReconcileAfter(namespace, before);
        double touched = cluster.reconciles(namespace);
        cluster.edit(namespace, "shop-web", d -> new DeploymentBuilder(d)
                .editMetadata().addToAnnotations("example.com/touched", "yes").endMetadata().build());
        cluster.awaitReconcileAfter(namespace, touched);

        Eventually.holdsFor("the deleted seed Job stays deleted", Duration.ofMillis(500),
                () -> cluster.job(namespace, seed.getMetadata().getName()).isEmpty());
        assertThat(cluster.seedStatus(stored)).contains(seed.getMetadata().getName() + " Succeeded");
        assertThat(cluster.events(stored, Reasons.SEED_JOB_CREATED)).hasSize(1);
    }
}
