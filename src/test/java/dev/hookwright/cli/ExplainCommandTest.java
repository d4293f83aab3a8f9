package dev.hookwright.cli;

import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookwright explain} against fabric8's mock API server in CRUD mode, with the shipped configuration. */
@EnableKubernetesMockClient(crud = true)
class ExplainCommandTest {
    KubernetesClient client;
    KubernetesMockServer server;
    private StoredCluster cluster;

    @BeforeEach
    void store() {
        cluster = new StoredCluster(client);
    }

    private StoredCluster.Run explain(String... args) {
        return StoredCluster.run((out, err) -> ExplainCommand.run(cluster.opener("default"), StoredCluster.CLOCK,
                Check.offlineEngine().decider(), Set.of("kube-system"), args, out, err));
    }

    private static String line(StoredCluster.Run run, String key) {
        return run.out().lines().filter(l -> l.startsWith(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + key + " in:\n" + run.out()));
    }

    @Test
    void explainsAHealthyMigratedDeploymentFromOptInToHistory() {
        cluster.namespace("shop", Map.of("hookwright.dev/policy", "enforce"));
        Deployment web = cluster.deployment("shop", "web", Map.of(
                Keys.MIGRATION_STATUS, "shop-migrate-3 Succeeded",
                Keys.MIGRATION_MESSAGE, "applied 2 migrations",
                Keys.MIGRATION_HISTORY, "[{\"job\":\"shop-migrate-3\",\"outcome\":\"Succeeded\",\"at\":\"2026-03-01T11:00:00Z\"},"
                        + "{\"job\":\"shop-migrate-2\",\"outcome\":\"Failed\",\"at\":\"2026-02-28T09:00:00Z\"}]"),
                Duration.ofHours(1));
        cluster.job(web, "shop-migrate-3", 300, Duration.ofMinutes(61), new JobStatusBuilder().withSucceeded(1)
                .withStartTime(StoredCluster.ago(Duration.ofMinutes(61)))
                .addNewCondition().withType("Complete").withStatus("True").endCondition().build());

        StoredCluster.Run run = explain("deployment/web", "-n", "shop");

        assertThat(run.err()).isEmpty();
        assertThat(line(run, "Deployment:")).isEqualTo("Deployment:  shop/web");
        assertThat(line(run, "Opt-in:")).isEqualTo("Opt-in:      yes: label hookwright.dev/migrations: enabled "
                + "(the webhook and the controller act)");
        assertThat(line(run, "Namespace:")).isEqualTo("Namespace:   shop is served (not excluded, no hookwright.dev/ignore label)");
        assertThat(line(run, "Policy:")).isEqualTo("Policy:      enforce (namespace label hookwright.dev/policy)");
        assertThat(line(run, "Release:")).isEqualTo("Release:     shop (from annotation meta.helm.sh/release-name)");
        assertThat(line(run, "Settings:")).startsWith("Settings:    valid; this revision's migration Job is shop-migrate-");
        assertThat(line(run, "Migration:")).isEqualTo("Migration:   shop-migrate-3 Succeeded, recorded 60m ago");
        assertThat(line(run, "Seed:")).isEqualTo("Seed:        no record (hookwright.dev/seed-status)");
        assertThat(line(run, "Post-deploy:")).isEqualTo("Post-deploy: no record (hookwright.dev/post-deploy-status)");
        assertThat(line(run, "Message:")).isEqualTo("Message:     applied 2 migrations");
        assertThat(run.out()).contains("""
                History:     2 final outcome(s), newest first
                  JOB              OUTCOME     AT
                  shop-migrate-3   Succeeded   2026-03-01T11:00:00Z
                  shop-migrate-2   Failed      2026-02-28T09:00:00Z
                Jobs:        1 made by hookwright
                  NAME             STATE       AGE   DEADLINE
                  shop-migrate-3   Succeeded   61m   -
                Gated pods:  none waiting for hookwright.dev/migrated
                """);
        assertThat(line(run, "Injected:")).startsWith("Injected:    yes: the webhook records shop-migrate-");
        assertThat(line(run, "Verdict:")).isEqualTo("Verdict:     OK");
        assertThat(run.exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void showsAStoredBadValueWithTheMessageTheWebhookDeniesWith() {
        cluster.namespace("shop", Map.of());
        cluster.store(Deployments.optedIn("shop", "web", "shop:1").editMetadata()
                .addToAnnotations(Keys.BACKOFF_LIMIT, "9").addToAnnotations(Keys.WHEN, "sometimes").endMetadata().build());

        StoredCluster.Run run = explain("deploy/web", "-n", "shop");

        assertThat(run.out()).contains("""
                Settings:    invalid: the controller records Invalid and runs nothing; the webhook denies a change with:
                  hookwright: hookwright.dev/when: "sometimes" is not accepted; write post, pre, or a comma list of \
                pre-install, pre-upgrade, post-install, post-upgrade; hookwright.dev/backoff-limit: "9" is not accepted; \
                write an integer from 0 to 6
                """);
        assertThat(line(run, "Policy:")).startsWith("Policy:      the server's default mode");
        assertThat(line(run, "Injected:")).isEqualTo("Injected:    no: see the reasons above");
        assertThat(run.exit()).isEqualTo(StatusCommand.OK);
    }

    @Test
    void explainsAFailedMigrationWithWhereItsLogsAreAndExitsOne() {
        cluster.namespace("shop", Map.of());
        Deployment web = cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-4 Failed",
                Keys.MIGRATION_MESSAGE, "ERROR: column \"total\" does not exist"), Duration.ofMinutes(20));
        cluster.job(web, "shop-migrate-4", 300, Duration.ofMinutes(25), new JobStatusBuilder().withFailed(1)
                .withStartTime(StoredCluster.ago(Duration.ofMinutes(25)))
                .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").endCondition()
                .build());

        StoredCluster.Run run = explain("deployment/web", "--namespace", "shop");

        assertThat(line(run, "Message:")).isEqualTo("Message:     ERROR: column \"total\" does not exist");
        assertThat(run.out()).contains("  shop-migrate-4   Failed (BackoffLimitExceeded)   25m   -");
        assertThat(line(run, "Verdict:")).isEqualTo("Verdict:     FAILED: the migration Job shop-migrate-4 failed; "
                + "logs: kubectl logs -n shop job/shop-migrate-4 --all-containers");
        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
    }

    @Test
    void listsThePodsHeldByTheReadinessGateAndAJobPastItsDeadline() {
        cluster.namespace("shop", Map.of());
        Deployment web = cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-5 Running",
                Keys.WHEN, "pre"), Duration.ofMinutes(8));
        cluster.job(web, "shop-migrate-5", 300, Duration.ofMinutes(8), new JobStatusBuilder().withActive(1)
                .withStartTime(StoredCluster.ago(Duration.ofMinutes(7))).build());
        cluster.pod(Deployments.gatedPod(web, "web-abc12", "shop:1"));
        cluster.pod(new PodBuilder(Deployments.gatedPod(web, "web-released", "shop:1")).withNewStatus()
                .addNewCondition().withType(Keys.READINESS_GATE).withStatus("True").endCondition().endStatus().build());
        cluster.pod(Deployments.gatedPod(web, "web-def34", "shop:1"));

        StoredCluster.Run run = explain("deployment/web", "-n", "shop");

        assertThat(line(run, "Gated pods:")).isEqualTo("Gated pods:  2 waiting for hookwright.dev/migrated: web-abc12, web-def34");
        assertThat(run.out()).contains("  shop-migrate-5   Running   7m    passed 2m ago");
        assertThat(line(run, "Verdict:")).isEqualTo("Verdict:     STUCK: the migration Job shop-migrate-5 is Running 2m "
                + "past its activeDeadlineSeconds");
        assertThat(run.exit()).isEqualTo(StatusCommand.PROBLEM);
    }

    @Test
    void saysWhyADeploymentIsPassedBy() {
        cluster.namespace("quiet", Map.of("hookwright.dev/ignore", "true"));
        cluster.store(Deployments.optedIn("quiet", "web", "shop:1").build());
        assertThat(line(explain("deployment/web", "-n", "quiet"), "Namespace:")).isEqualTo(
                "Namespace:   quiet is ignored: labelled hookwright.dev/ignore: \"true\"");

        cluster.namespace("kube-system", Map.of());
        cluster.store(Deployments.optedIn("kube-system", "web", "shop:1").build());
        StoredCluster.Run system = explain("deployment/web", "-n", "kube-system");
        assertThat(line(system, "Namespace:")).startsWith("Namespace:   kube-system is excluded");
        assertThat(line(system, "Injected:")).isEqualTo("Injected:    no: see the reasons above");

        cluster.namespace("hookwright", Map.of());
        cluster.store(Deployments.optedIn("hookwright", "web", "shop:1").build());
        assertThat(line(explain("deployment/web", "-n", "hookwright"), "Namespace:")).isEqualTo(
                "Namespace:   hookwright is excluded: it is hookwright's own namespace, which it never serves");

        cluster.namespace("plain", Map.of("hookwright.dev/policy", "strict"));
        cluster.store(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(Deployments.optedIn("plain", "web",
                "shop:1").build()).editMetadata().addToLabels(Keys.OPT_IN_LABEL, "rendered")
                .removeFromAnnotations(Keys.HELM_RELEASE_NAME).addToLabels(Keys.INSTANCE, "plain").endMetadata().build());
        StoredCluster.Run rendered = explain("deployment/web", "-n", "plain");
        assertThat(line(rendered, "Opt-in:")).startsWith("Opt-in:      rendered: label hookwright.dev/migrations: rendered");
        assertThat(line(rendered, "Release:")).isEqualTo("Release:     plain (from label app.kubernetes.io/instance); the "
                + "webhook sees it only when the chart's webhooks.mutate.matchInstanceLabel is on");
        assertThat(line(rendered, "Policy:")).isEqualTo("Policy:      the server's default mode: namespace label "
                + "hookwright.dev/policy: \"strict\" is not one of enforce, warn, off");
        assertThat(line(rendered, "Injected:")).isEqualTo("Injected:    no: see the reasons above");
    }

    @Test
    void saysWhenTheWebhookMissedTheLatestChange() {
        cluster.namespace("shop", Map.of());
        cluster.store(Deployments.optedIn("shop", "web", "shop:2").editMetadata()
                .addToAnnotations(Keys.MIGRATION_JOB, "shop-migrate-0123456789").endMetadata().build());

        assertThat(explain("deployment/web", "-n", "shop").out()).contains("  the webhook recorded "
                + "hookwright.dev/migration-job: shop-migrate-0123456789, so it did not see the latest change");
    }

    @Test
    void refusesAnotherKindAMissingDeploymentAndNoTargetWithExitTwo() {
        StoredCluster.Run kind = explain("pod/web");
        assertThat(kind.exit()).isEqualTo(Commands.BAD_USAGE);
        assertThat(kind.err()).isEqualTo("hookwright explain: \"pod/web\": write deployment/NAME, e.g. deployment/shop-web\n");

        StoredCluster.Run missing = explain("deployment/nothing", "-n", "shop");
        assertThat(missing.exit()).isEqualTo(Commands.BAD_USAGE);
        assertThat(missing.err()).isEqualTo("hookwright explain: deployment shop/nothing not found\n");

        StoredCluster.Run none = explain();
        assertThat(none.exit()).isEqualTo(Commands.BAD_USAGE);
        assertThat(none.err()).contains("Missing required parameter: 'deployment/NAME'", "Usage:");
    }

    @Test
    void documentsItselfInHelp() {
        StoredCluster.Run help = explain("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("deployment/NAME", "-n, --namespace=NS", "--hookwright-namespace=NS",
                "Exit status: 0 nothing wrong, 1 a migration Failed");
    }

    @Test
    void goesOnWhenTheNamespaceMayNotBeRead() {
        server.expect().get().withPath("/api/v1/namespaces/shop")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("namespaces \"shop\" is forbidden").build())
                .always();
        cluster.deployment("shop", "web", Map.of(Keys.MIGRATION_STATUS, "shop-migrate-1 Succeeded"), Duration.ofMinutes(1));

        StoredCluster.Run run = explain("deployment/web", "-n", "shop");

        assertThat(line(run, "Namespace:")).isEqualTo("Namespace:   its labels could not be read (cannot get Namespace "
                + "shop: forbidden: namespaces \"shop\" is forbidden)");
        assertThat(run.out()).doesNotContain("Policy:");
        assertThat(line(run, "Verdict:")).isEqualTo("Verdict:     OK");
        assertThat(run.exit()).isEqualTo(StatusCommand.OK);
    }
}
