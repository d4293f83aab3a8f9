package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 2. "I upgrade to a new image: a new migration runs. Then I `helm rollback` to the first
 * revision: that revision's migration ran already, so it is not run again — the schema is
 * ahead of the code, and hookwright tells me so."
 */
class S2UpgradeAndRollbackE2ETest extends Story {
    private static final String NS = "e2e-rollback";
    private static final String RELEASE = "shop";
    private static final String DEPLOYMENT = "shop-server";

    @Test
    void aNewImageMigratesAndARollbackDoesNotMigrateAgain() {
        install(RELEASE, NS).orFail("helm install");
        awaitJob(NS, "shop-migrate-1");
        finishMigration(NS, "shop-migrate-1", 0, "schema v1");
        awaitStatus(NS, DEPLOYMENT, "shop-migrate-1 Succeeded");

        install(RELEASE, NS, "image.tag=1.5.0").orFail("helm upgrade to 1.5.0");
        Job second = awaitJob(NS, "shop-migrate-2");
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE + ":1.5.0");
        finishMigration(NS, "shop-migrate-2", 0, "schema v2");
        awaitStatus(NS, DEPLOYMENT, "shop-migrate-2 Succeeded");
        // Both finished Jobs are gone (TTL) before the rollback, as they would be in production.
        Await.until("the TTL controller to remove both Jobs", WAIT,
                () -> job(NS, "shop-migrate-1").isEmpty() && job(NS, "shop-migrate-2").isEmpty());

        cluster.helm.run("rollback", RELEASE, "1", "--namespace", NS, "--timeout", "120s").orFail("helm rollback");
        // The old manifest is back: revision annotation "1", image 1.4.2, recorded by the webhook.
        Await.until("the rolled-back Deployment to record shop-migrate-1", WAIT,
                () -> annotation(NS, DEPLOYMENT, JOB_RECORD).filter("shop-migrate-1"::equals).isPresent());

        Await.never("the migration of revision 1 ran again after helm rollback", Duration.ofSeconds(25),
                () -> job(NS, "shop-migrate-1").map(j -> "Job shop-migrate-1 was created again, uid "
                        + j.getMetadata().getUid()));
        awaitStatus(NS, DEPLOYMENT, "shop-migrate-1 Succeeded");
        assertThat(history(NS, DEPLOYMENT)).contains("shop-migrate-1 Succeeded", "shop-migrate-2 Succeeded");
        Await.until("a Warning MigrationRolledBack on the Deployment", WAIT,
                () -> events(NS, DEPLOYMENT, "MigrationRolledBack").stream().anyMatch(e -> "Warning".equals(e.getType())));
    }
}
