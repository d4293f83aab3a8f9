package dev.hookwright.core.synth;

import dev.hookwright.core.naming.JobNames.Purpose;
import dev.hookwright.core.settings.ContainerResources;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.core.settings.RetryPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one Job is made from: the parts of the Deployment it reuses and the settings that
 * shape it. Built by the planner, so synthesis itself never has to decide anything.
 *
 * @param claimVolumes PersistentVolumeClaim volumes to mount anyway ({@code hookwright.dev/volumes})
 * @param resources    the container's resources; empty: the reused container's
 */
public record JobRequest(
        String name,
        Purpose purpose,
        String release,
        String namespace,
        String deploymentName,
        LabelSelector selector,
        PodTemplateSpec podTemplate,
        Container container,
        List<String> command,
        List<String> args,
        String hookEvents,
        int weight,
        int backoffLimit,
        int activeDeadlineSeconds,
        int ttlSecondsAfterFinished,
        List<EnvSource> envSources,
        Optional<RetryPolicy> retry,
        MigrationDefaults defaults,
        List<String> claimVolumes,
        Optional<ContainerResources> resources,
        Map<String, String> env) {

    /**
     * @param env variables added to the Job's container, in order; they override the reused
     *            container's variables of the same name
     */
    public JobRequest {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    /** An {@code envFrom} entry hookwright adds: a ConfigMap or a Secret, always optional. */
    public record EnvSource(Kind kind, String name) {
        public enum Kind { CONFIG_MAP, SECRET }
    }
}
