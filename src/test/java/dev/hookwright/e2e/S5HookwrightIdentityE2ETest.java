package dev.hookwright.e2e;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story 5. "Security asks what a stolen hookwright token can do." The chart's ClusterRole, Role,
 * ValidatingAdmissionPolicy and webhook matchConditions are compiled and enforced by the real API
 * server: as hookwright's own ServiceAccount, a migration Job like the controller's is allowed,
 * but not a privileged one, not one mounting the host, not one in kube-system. Every create is
 * a server-side dry run (admission runs in full, nothing is stored).
 */
class S5HookwrightIdentityE2ETest extends Story {
    private static final String NS = "e2e-identity";
    private static final String POLICY = "hookwright-self-limits";
    private static KubernetesClient hookwright;

    @BeforeAll
    static void namespace() {
        createNamespace(NS, Map.of());
        hookwright = cluster.asHookwright();
    }

    /** A Job as the controller makes it: labelled managed-by hookwright, controlled by a Deployment. */
    private static Job controllerLikeJob(String namespace, UnaryOperator<JobBuilder> change) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName("shop-migrate-9").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "hookwright")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("shop-server")
                .withUid("3c7b8a4e-0000-4000-8000-000000000001").withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds(300L).withNewTemplate().withNewSpec()
                .withRestartPolicy("Never").addNewContainer().withName("migrate").withImage(IMAGE + ":1.4.2")
                .endContainer().endSpec().endTemplate().endSpec();
        return change.apply(builder).build();
    }

    private static Job createAsHookwright(Job job) {
        return hookwright.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).dryRun().create();
    }

    @Test
    void thePolicyIsCompiledWithoutTypeWarnings() {
        ValidatingAdmissionPolicy policy = Await.until("the API server to type-check " + POLICY, WAIT, () -> Optional
                .ofNullable(kube.admissionRegistration().v1().validatingAdmissionPolicies().withName(POLICY).get())
                .filter(p -> p.getStatus() != null && p.getMetadata().getGeneration().equals(p.getStatus().getObservedGeneration())));
        assertThat(policy.getStatus().getTypeChecking() == null ? java.util.List.of()
                : policy.getStatus().getTypeChecking().getExpressionWarnings()).isEmpty();
    }

    @Test
    void aJobLikeTheControllersIsAllowed() {
        assertThat(createAsHookwright(controllerLikeJob(NS, b -> b)).getMetadata().getName()).isEqualTo("shop-migrate-9");
    }

    @Test
    void aJobNotLabelledAsHookwrightsIsRefusedByThePolicy() {
        Job unlabelled = controllerLikeJob(NS, b -> b.editMetadata().withLabels(Map.of()).endMetadata());
        assertRefused(unlabelled, "hookwright may only create Jobs labelled app.kubernetes.io/managed-by=hookwright");
    }

    @Test
    void aPrivilegedJobIsRefused() {
        Job privileged = controllerLikeJob(NS, b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().endTemplate()
                .endSpec());
        assertRefused(privileged, null);
    }

    @Test
    void aJobMountingTheHostIsRefused() {
        Job hostPath = controllerLikeJob(NS, b -> b.editSpec().editTemplate().editSpec().addNewVolume().withName("host")
                .withNewHostPath().withPath("/").endHostPath().endVolume().editFirstContainer().addNewVolumeMount()
                .withName("host").withMountPath("/host").endVolumeMount().endContainer().endSpec().endTemplate().endSpec());
        assertRefused(hostPath, null);
    }

    @Test
    void aJobInKubeSystemIsRefused() {
        assertRefused(controllerLikeJob("kube-system", b -> b), null);
    }

    @Test
    void theMutatingWebhooksMatchConditionsSelectOnlyHelmReleases() {
        // Opted in but no release mark: the CEL matchCondition keeps the request away from /mutate.
        Deployment bare = kube.apps().deployments().inNamespace(NS).resource(deployment(Map.of())).dryRun().create();
        assertThat(bare.getMetadata().getAnnotations()).doesNotContainKey(JOB_RECORD);
        Deployment helm = kube.apps().deployments().inNamespace(NS)
                .resource(deployment(Map.of("meta.helm.sh/release-name", "shop"))).dryRun().create();
        assertThat(helm.getMetadata().getAnnotations()).containsKey(JOB_RECORD);
    }

    private static Deployment deployment(Map<String, String> annotations) {
        return new DeploymentBuilder().withNewMetadata().withName("shop-server").withNamespace(NS)
                .addToLabels("hookwright.dev/migrations", "enabled").withAnnotations(annotations)
                .addToAnnotations("hookwright.dev/command", "[\"node\",\"db/migrate.mjs\"]").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "shop").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app", "shop").endMetadata().withNewSpec().addNewContainer()
                .withName("server").withImage(IMAGE + ":1.4.2").endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static void assertRefused(Job job, String message) {
        String what = "a Job in " + job.getMetadata().getNamespace() + " as " + job.getSpec().getTemplate().getSpec();
        KubernetesClientException refusal;
        try {
            createAsHookwright(job);
            throw new AssertionError("hookwright's ServiceAccount was allowed to create " + what);
        } catch (KubernetesClientException e) {
            refusal = e;
        }
        assertThat(refusal.getCode()).as(refusal.getMessage()).isIn(403, 422);
        if (message != null) {
            assertThat(refusal.getMessage()).contains(message);
        }
    }
}
