package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Story 4. "My platform team puts a namespace in `enforce`: a sloppy hand-written migration hook
 * is refused at create with the rule's message. In `warn` it is created, and kubectl shows me the
 * warnings." The namespace picks the mode by label; the real API server selects the webhook entry.
 */
class S4HookPolicyE2ETest extends Story {
    private static final String ENFORCE = "e2e-policy-enforce";
    private static final String WARN = "e2e-policy-warn";

    @BeforeAll
    static void namespaces() {
        createNamespace(ENFORCE, Map.of("hookwright.dev/policy", "enforce"));
        createNamespace(WARN, Map.of("hookwright.dev/policy", "warn"));
    }

    /** A pre-upgrade migration hook with no deadline and a hand-picked name. */
    private static Job sloppyHook(String namespace, boolean hook) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName("db-migrate").withNamespace(namespace)
                .endMetadata();
        if (hook) {
            builder.editMetadata().addToAnnotations("helm.sh/hook", "pre-upgrade")
                    .addToLabels("app.kubernetes.io/component", "migrations").endMetadata();
        }
        return builder.withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("migrate").withImage(IMAGE + ":1.4.2").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    @Test
    void enforceRefusesABadHookAtCreateWithTheRulesMessage() {
        assertThatThrownBy(() -> kube.batch().v1().jobs().inNamespace(ENFORCE).resource(sloppyHook(ENFORCE, true)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("enforce.policy.hookwright.dev")
                            .contains("deadline: spec.activeDeadlineSeconds is not set: Helm waits for a hook Job, so one that hangs "
                                    + "holds the release pending until Helm's --timeout, and the Job keeps running after; "
                                    + "set 1..3600 (seconds)");
                });
        assertThat(job(ENFORCE, "db-migrate")).isEmpty();
    }

    @Test
    void aJobThatIsNoHelmHookNeverReachesThePolicy() {
        // The chart's CEL matchCondition (helm.sh/hook present) is compiled and applied by the API server.
        Job created = kube.batch().v1().jobs().inNamespace(ENFORCE).resource(sloppyHook(ENFORCE, false)).dryRun().create();
        assertThat(created.getMetadata().getName()).isEqualTo("db-migrate");
    }

    @Test
    void warnCreatesTheHookAndReturnsEveryFindingAsAWarning() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(cluster.pki.sslContext("admin")).build();
        String body = kube.getKubernetesSerialization().asJson(sloppyHook(WARN, true));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.apiserverUrl()
                + "/apis/batch/v1/namespaces/" + WARN + "/jobs?dryRun=All")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<String> warnings = response.headers().allValues("Warning");
        assertThat(warnings).as("Warning headers").anyMatch(w -> w.contains("deadline: spec.activeDeadlineSeconds is not set"));
        assertThat(warnings).allMatch(w -> w.startsWith("299 "));
    }
}
