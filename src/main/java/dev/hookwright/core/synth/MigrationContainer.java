package dev.hookwright.core.synth;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import dev.hookwright.core.settings.ContainerResources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Job's one container, {@code migrate} (or {@code seed}, {@code postdeploy}): the reused
 * container's image, environment, resources and mounts (PersistentVolumeClaims only when listed),
 * never its probes, ports or lifecycle hooks (a migration is not a server).
 */
final class MigrationContainer {
    private MigrationContainer() {
    }

    static Container from(JobRequest request) {
        Container source = request.container();
        String name = request.purpose().containerName();
        return new ContainerBuilder()
                .withName(name)
                .withImage(source.getImage())
                .withImagePullPolicy(source.getImagePullPolicy())
                .withWorkingDir(source.getWorkingDir())
                .withSecurityContext(source.getSecurityContext())
                .withResources(request.resources().map(MigrationContainer::resources).orElse(source.getResources()))
                .withEnv(withAdded(renamedEnv(source.getEnv(), source.getName(), name), request.env()))
                .withEnvFrom(envFrom(source.getEnvFrom(), request.envSources()))
                .withVolumeMounts(mounts(source.getVolumeMounts(), request))
                .withCommand(request.command())
                .withArgs(request.args())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    /**
     * The reused container's mounts, without those of PersistentVolumeClaims not listed in
     * {@code hookwright.dev/volumes}: a ReadWriteOnce claim the app's pod already holds would keep
     * the migration pod waiting on a Multi-Attach error until its deadline.
     */
    private static List<VolumeMount> mounts(List<VolumeMount> mounts, JobRequest request) {
        if (mounts == null) {
            return null;
        }
        Set<String> leftOut = leftOutClaims(request);
        return mounts.stream().filter(mount -> mount == null || !leftOut.contains(mount.getName())).toList();
    }

    /** The names of the pod's PersistentVolumeClaim volumes the Job does not mount. */
    static Set<String> leftOutClaims(JobRequest request) {
        PodSpec pod = request.podTemplate() == null ? null : request.podTemplate().getSpec();
        if (pod == null || pod.getVolumes() == null) {
            return Set.of();
        }
        return pod.getVolumes().stream()
                .filter(volume -> volume != null && volume.getPersistentVolumeClaim() != null
                        && !request.claimVolumes().contains(volume.getName()))
                .map(Volume::getName).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static ResourceRequirements resources(ContainerResources resources) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        resources.requests().forEach((name, amount) -> requests.put(name, new Quantity(amount)));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        resources.limits().forEach((name, amount) -> limits.put(name, new Quantity(amount)));
        return new ResourceRequirementsBuilder().withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).build();
    }

    /** {@code resourceFieldRef.containerName} must name a container of the new pod. */
    private static List<EnvVar> renamedEnv(List<EnvVar> env, String oldName, String newName) {
        if (env == null) {
            return null;
        }
        List<EnvVar> renamed = new ArrayList<>(env.size());
        for (EnvVar var : env) {
            // A null element reaches us as written (the API server has not validated yet): copied, not read.
            boolean pointsAtOld = var != null && var.getValueFrom() != null && var.getValueFrom().getResourceFieldRef() != null
                    && Objects.equals(oldName, var.getValueFrom().getResourceFieldRef().getContainerName());
            renamed.add(pointsAtOld
                    ? new EnvVarBuilder(var).editValueFrom().editResourceFieldRef().withContainerName(newName)
                            .endResourceFieldRef().endValueFrom().build()
                    : var);
        }
        return renamed;
    }

    /**
     * The phase's own variables ({@code hookwright.dev/env}, {@code post-deploy-env}) win over the
     * app's: they are the more specific statement, written for this Job. One that the app also
     * defines takes that variable's place, so the name is defined once and a later
     * {@code $(NAME)} reference sees the phase's value; the others follow in the order written.
     */
    private static List<EnvVar> withAdded(List<EnvVar> env, Map<String, String> added) {
        if (added.isEmpty()) {
            return env;
        }
        List<EnvVar> merged = new ArrayList<>();
        Map<String, String> remaining = new LinkedHashMap<>(added);
        for (EnvVar var : env == null ? List.<EnvVar>of() : env) {
            String name = var == null ? null : var.getName();
            if (name == null || !added.containsKey(name)) {
                merged.add(var);
            } else if (remaining.containsKey(name)) {
                merged.add(new EnvVar(name, remaining.remove(name), null));
            }
            // A second definition of an overridden name is dropped: Kubernetes would let it win.
        }
        remaining.forEach((name, value) -> merged.add(new EnvVar(name, value, null)));
        return merged;
    }

    /** The container's own {@code envFrom}, then the release's ConfigMap and Secret unless already there. */
    private static List<EnvFromSource> envFrom(List<EnvFromSource> existing, List<JobRequest.EnvSource> extra) {
        List<EnvFromSource> envFrom = new ArrayList<>(existing == null ? List.of() : existing);
        for (JobRequest.EnvSource source : extra) {
            if (envFrom.stream().noneMatch(present -> references(present, source))) {
                envFrom.add(toEnvFrom(source));
            }
        }
        return envFrom;
    }

    private static boolean references(EnvFromSource present, JobRequest.EnvSource source) {
        if (present == null) {
            return false;
        }
        return switch (source.kind()) {
            case CONFIG_MAP -> present.getConfigMapRef() != null
                    && source.name().equals(present.getConfigMapRef().getName());
            case SECRET -> present.getSecretRef() != null && source.name().equals(present.getSecretRef().getName());
        };
    }

    private static EnvFromSource toEnvFrom(JobRequest.EnvSource source) {
        return switch (source.kind()) {
            case CONFIG_MAP -> new EnvFromSourceBuilder().withNewConfigMapRef(source.name(), true).build();
            case SECRET -> new EnvFromSourceBuilder().withNewSecretRef(source.name(), true).build();
        };
    }
}
