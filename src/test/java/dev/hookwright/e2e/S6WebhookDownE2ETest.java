package dev.hookwright.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 6. "hookwright was down during my deploy." With the chart's {@code failurePolicy: Ignore}
 * the API server admits the Deployment unpatched; once hookwright runs again its controller
 * creates the migration Job from the stored object.
 */
class S6WebhookDownE2ETest extends Story {
    private static final String NS = "e2e-down";
    private static final String DEPLOYMENT = "shop-server";
    private static final String JOB = "shop-migrate-1";

    @Test
    void aDeploymentAdmittedWhileHookwrightWasDownIsMigratedWhenItIsBack() {
        cluster.stopHookwright();
        try {
            install("shop", NS).orFail("helm install while hookwright is down");
            assertThat(deployment(NS, DEPLOYMENT).getMetadata().getAnnotations())
                    .as("admitted without the webhook's patch").doesNotContainKey(JOB_RECORD);
            Await.never("a Job while hookwright is down", Duration.ofSeconds(5),
                    () -> job(NS, JOB).map(j -> "Job " + JOB + " exists"));
        } finally {
            cluster.startHookwright();
        }
        awaitJob(NS, JOB);
        finishMigration(NS, JOB, 0, "applied 3 migrations");
        awaitStatus(NS, DEPLOYMENT, JOB + " Succeeded");
    }
}
