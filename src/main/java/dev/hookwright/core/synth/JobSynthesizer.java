package dev.hookwright.core.synth;

import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.JobNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment parts + settings → the Job a careful chart author would write by hand
 * (docs/reference.md). Deterministic: the same request always gives an equal Job.
 */
public final class JobSynthesizer {
    public static final String DELETE_POLICY = "before-hook-creation,hook-succeeded";

    /** A node drain is not the migration's fault: it must not use up a backoffLimit of 0. */
    static final PodFailurePolicyRule IGNORE_DISRUPTIONS = new PodFailurePolicyRuleBuilder()
            .withAction("Ignore")
            .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
            .build();

    private JobSynthesizer() {
    }

    public static Job synthesize(JobRequest request) {
        Map<String, String> labels = jobLabels(request);
        PodSpec sourcePod = request.podTemplate().getSpec() == null ? new PodSpec() : request.podTemplate().getSpec();
        Container migrate = MigrationContainer.from(request);
        return new JobBuilder()
                .withNewMetadata()
                    .withName(request.name())
                    .withNamespace(request.namespace())
                    .withLabels(labels)
                    .withAnnotations(hookAnnotations(request))
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(request.backoffLimit())
                    .withActiveDeadlineSeconds((long) request.activeDeadlineSeconds())
                    .withTtlSecondsAfterFinished(request.ttlSecondsAfterFinished())
                    .withNewPodFailurePolicy().withRules(podFailureRules(request, migrate.getName())).endPodFailurePolicy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(PodTemplateMetadata.labels(request.podTemplate().getMetadata(),
                                    request.selector(), labels))
                            .withAnnotations(PodTemplateMetadata.annotations(request.podTemplate().getMetadata(),
                                    request.defaults()))
                        .endMetadata()
                        .withSpec(MigrationPodSpec.from(sourcePod, request.container(), migrate))
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Disruptions first, so a drained pod never counts as a failure whatever its exit code;
     * then, with a retry policy, the exit codes that mean the script is broken fail the Job at
     * once instead of retrying it.
     */
    private static List<PodFailurePolicyRule> podFailureRules(JobRequest request, String containerName) {
        return request.retry().map(retry -> List.of(IGNORE_DISRUPTIONS, new PodFailurePolicyRuleBuilder()
                        .withAction("FailJob")
                        .withNewOnExitCodes()
                            .withContainerName(containerName)
                            .withOperator("In")
                            .withValues(retry.failExitCodes())
                        .endOnExitCodes()
                        .build()))
                .orElse(List.of(IGNORE_DISRUPTIONS));
    }

    static Map<String, String> jobLabels(JobRequest request) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Keys.INSTANCE, JobNames.labelValue(request.release()));
        labels.put(Keys.COMPONENT, component(request.purpose()));
        labels.put(Keys.MANAGED_BY, Keys.MANAGED_BY_HOOKWRIGHT);
        labels.put(Keys.DEPLOYMENT_LABEL, JobNames.labelValue(request.deploymentName()));
        return labels;
    }

    /** {@code app.kubernetes.io/component}: what the Job does, for selectors and dashboards. */
    static String component(JobNames.Purpose purpose) {
        return switch (purpose) {
            case MIGRATE -> Keys.COMPONENT_MIGRATIONS;
            case SEED -> Keys.COMPONENT_SEED;
            case POST_DEPLOY -> Keys.COMPONENT_POST_DEPLOY;
        };
    }

    private static Map<String, String> hookAnnotations(JobRequest request) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Keys.HELM_HOOK, request.hookEvents());
        annotations.put(Keys.HELM_HOOK_WEIGHT, Integer.toString(request.weight()));
        annotations.put(Keys.HELM_HOOK_DELETE_POLICY, DELETE_POLICY);
        return annotations;
    }
}
