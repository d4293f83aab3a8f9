package dev.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookwright status} against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class StatusCommandTest {
    KubernetesClient client;
    KubernetesMockServer server;
    private StoredCluster cluster;

    @BeforeEach
    void store() {
        cluster = new StoredCluster(client);
    }

    private StoredCluster.Run status(String defaultNamespace, String... args) {
        return StoredCluster.run((out, err) -> StatusCommand.run(cluster.opener(defaultNamespace), StoredCluster.CLOCK, args,
                out, err));
    }

    @Test
    void printsOneAlignedLinePerOptedInDeploymentOfTheNamespaceLikeKubectlGet() {
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-3 Succeeded",
                Keys.MIGRATION_MESSAGE, "applied 2 migrations"), Duration.ofMinutes(42));
        cluster.deployment("shop", "api-server", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-9 Running"),
                Duration.ofSeconds(30));
        cluster.store(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(
                Deployments.optedIn("shop", "not-opted-in", "shop:1").build())
                .editMetadata().removeFromLabels(Keys.OPT_IN_LABEL).endMetadata().build());
        cluster.deployment("other", "web", Map.of(Keys.MIGRATION_STATUS, "other-migrate-1 Failed"), Duration.ofHours(1));

        StoredCluster.Run run = status("shop");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                NAMESPACE   NAME         RELEASE   JOB              PHASE       AGE   MESSAGE
                shop        api-server   shop      shop-migrate-9   Running     30s
                shop        web          shop      shop-migrate-3   Succeeded   42m   applied 2 migrations
                """);
        assertThat(run.exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void listsEveryNamespaceWithDashAAndExitsOneForAFailedMigration() {
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-3 Succeeded"), Duration.ofMinutes(5));
        cluster.deployment("billing", "api", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-7 Failed",
                Keys.MIGRATION_MESSAGE, "ERROR: relation \"invoices\"\nalready exists"), Duration.ofHours(5));

        StoredCluster.Run run = status("default", "-A");

        assertThat(run.out().lines().toList()).containsExactly(
                "NAMESPACE   NAME   RELEASE   JOB              PHASE       AGE   MESSAGE",
                "billing     api    shop      shop-migrate-7   Failed      5h    ERROR: relation \"invoices\" already exists",
                "shop        web    shop      shop-migrate-3   Succeeded   5m");
        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
    }

    @Test
    void writesAListOfObjectsWithOutputJson() throws Exception {
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-3 Failed",
                Keys.MIGRATION_MESSAGE, "exit code 1"), Duration.ofMinutes(2));

        StoredCluster.Run run = status("shop", "-o", "json");

        JsonNode list = Json.mapper().readTree(run.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        JsonNode row = list.get(0);
        assertThat(row.path("namespace").asText()).isEqualTo("shop");
        assertThat(row.path("name").asText()).isEqualTo("web");
        assertThat(row.path("release").asText()).isEqualTo("shop");
        assertThat(row.path("job").asText()).isEqualTo("shop-migrate-3");
        assertThat(row.path("phase").asText()).isEqualTo("Failed");
        assertThat(row.path("since").asText()).isEqualTo(StoredCluster.ago(Duration.ofMinutes(2)));
        assertThat(row.path("message").asText()).isEqualTo("exit code 1");
        assertThat(row.path("problem").path("kind").asText()).isEqualTo("failed");
        assertThat(row.path("problem").path("step").asText()).isEqualTo("migration");
        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
    }

    @Test
    void writesAnEmptyListAndSaysSoWhenNothingIsOptedIn() throws Exception {
        assertThat(status("shop", "-o", "json").out().trim()).isEqualTo("[ ]");
        StoredCluster.Run text = status("shop");
        assertThat(text.out()).isEmpty();
        assertThat(text.err()).isEqualTo("No opted-in Deployments found in namespace shop.\n");
        assertThat(text.exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void countsAJobRunningPastItsActiveDeadlineAsStuckButNotOneWithinIt() {
        Deployment late = cluster.deployment("shop", "late", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-1 Running"),
                Duration.ofMinutes(11));
        cluster.job(late, "shop-migrate-1", 300, Duration.ofMinutes(11), new JobStatusBuilder().withActive(1)
                .withStartTime(StoredCluster.ago(Duration.ofMinutes(10))).build());
        Deployment fine = cluster.deployment("shop", "fine", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-2 Running"),
                Duration.ofMinutes(2));
        cluster.job(fine, "shop-migrate-2", 300, Duration.ofMinutes(2), new JobStatusBuilder().withActive(1)
                .withStartTime(StoredCluster.ago(Duration.ofMinutes(2))).build());

        StoredCluster.Run run = status("shop", "-o", "json");

        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
        assertThat(run.out()).contains("\"reason\" : \"the migration Job shop-migrate-1 is Running 5m past its "
                + "activeDeadlineSeconds\"");
        StoredCluster.Run text = status("shop");
        assertThat(text.out().lines().filter(l -> l.startsWith("shop        fine")).findFirst().orElseThrow())
                .endsWith("Running   2m");
    }

    @Test
    void countsWaitingLongerThanTheLimitAsStuck() {
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-4 Waiting"), Duration.ofMinutes(45));

        StoredCluster.Run byDefault = status("shop");
        assertThat(byDefault.exit()).isEqualTo(StatusCommand.PROBLEM);
        assertThat(byDefault.out()).contains("the migration has been Waiting for 45m, longer than 30m");

        assertThat(status("shop", "--stuck-waiting-after", "1h").exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void showsTheLaterStepWhenASeedFailedAfterTheMigrationSucceeded() {
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-4 Succeeded",
                Keys.SEED_STATUS, "shop-seed-4 Failed"), Duration.ofMinutes(3));

        StoredCluster.Run run = status("shop");

        assertThat(run.out()).contains("shop-seed-4   Seed:Failed   3m    the seed Job shop-seed-4 failed");
        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
    }

    @Test
    void showsADashForADeploymentTheControllerHasNotRecordedYet() {
        cluster.store(Deployments.optedIn("shop", "new", "shop:1").editMetadata()
                .addToAnnotations(Keys.MIGRATION_JOB, "shop-migrate-abc").endMetadata().build());

        assertThat(status("shop").out()).contains("shop        new    shop      shop-migrate-abc   -       -");
    }

    @Test
    void refusesDashNTogetherWithDashAAndAnUnknownFormatWithExitTwo() {
        StoredCluster.Run both = status("shop", "-n", "shop", "-A");
        assertThat(both.exit()).isEqualTo(StatusCommand.BAD_USAGE);
        assertThat(both.err()).isEqualTo("hookwright status: give either -n NS or -A, not both\n");

        StoredCluster.Run format = status("shop", "-o", "yaml");
        assertThat(format.exit()).isEqualTo(StatusCommand.BAD_USAGE);
        assertThat(format.err()).startsWith("hookwright status: Invalid value for option '--output'").contains("Usage:");

        StoredCluster.Run duration = status("shop", "--stuck-waiting-after", "soon");
        assertThat(duration.exit()).isEqualTo(StatusCommand.BAD_USAGE);
        assertThat(duration.err()).contains("\"soon\" is not a duration; write e.g. 30m, 90s or 2h");
    }

    @Test
    void documentsItsColumnsAndExitStatusInHelp() {
        StoredCluster.Run help = status("shop", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("-A, --all-namespaces", "-o, --output=FORMAT", "NAMESPACE NAME RELEASE JOB PHASE AGE MESSAGE",
                "Exit status: 0 nothing wrong, 1 a migration Failed");
    }

    @Test
    void findsTheClusterAndTheDefaultNamespaceThroughTheKubeconfig(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        cluster.deployment("from-context", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-1 Succeeded"),
                Duration.ofMinutes(1));
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, Kubeconfigs.pointingAt(client.getMasterUrl().toString(), "from-context"));

        StoredCluster.Run run = Kubeconfigs.with(kubeconfig, () -> StoredCluster.run((out, err) ->
                StatusCommand.run(new String[0], out, err)));

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("from-context   web");
        assertThat(run.exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void exitsTwoWithOneLineWhenNoApiServerAnswers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, Kubeconfigs.pointingAt("https://127.0.0.1:" + Kubeconfigs.closedPort(), "default"));

        StoredCluster.Run run = Kubeconfigs.with(kubeconfig, () -> StoredCluster.run((out, err) ->
                StatusCommand.run(new String[0], out, err)));

        assertThat(run.exit()).isEqualTo(StatusCommand.BAD_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("hookwright status: cannot list Deployments: no answer from the API server (")
                .doesNotContain("\tat ");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void exitsTwoWithTheApiServersReasonWhenTheListIsForbidden() {
        server.expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments?labelSelector=hookwright.dev%2Fmigrations%3Denabled")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("deployments.apps is forbidden: User \"dev\" cannot list resource \"deployments\"")
                        .build())
                .always();

        StoredCluster.Run run = status("shop");

        assertThat(run.exit()).isEqualTo(StatusCommand.BAD_USAGE);
        assertThat(run.err()).isEqualTo("hookwright status: cannot list Deployments: forbidden: deployments.apps is "
                + "forbidden: User \"dev\" cannot list resource \"deployments\"\n");
    }
}
