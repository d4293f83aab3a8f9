package dev.hookwright.core.synth;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The migration pod's spec: what the app's pod needs to reach its database (identity, pull
 * secrets, scheduling, DNS, the mounted volumes), never host namespaces, process sharing or
 * other containers.
 */
final class MigrationPodSpec {
    private MigrationPodSpec() {
    }

    static PodSpec from(PodSpec source, Container reused, Container migrate) {
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withServiceAccountName(source.getServiceAccountName())
                .withAutomountServiceAccountToken(source.getAutomountServiceAccountToken())
                .withImagePullSecrets(source.getImagePullSecrets())
                .withSecurityContext(source.getSecurityContext())
                .withNodeSelector(source.getNodeSelector())
                .withAffinity(nodeAffinityOnly(source.getAffinity()))
                .withTolerations(source.getTolerations())
                .withPriorityClassName(source.getPriorityClassName())
                .withRuntimeClassName(source.getRuntimeClassName())
                // dnsConfig only means what the author meant together with its dnsPolicy (e.g. None).
                .withDnsPolicy(source.getDnsPolicy())
                .withDnsConfig(source.getDnsConfig())
                .withHostAliases(source.getHostAliases())
                .withVolumes(mountedVolumes(source.getVolumes(), reused, migrate))
                .withContainers(migrate)
                .build();
    }

    /**
     * Pod (anti-)affinity is about the app's replicas; carried over it could keep the
     * migration pod from scheduling at all. Node affinity is about where the app may run.
     */
    private static Affinity nodeAffinityOnly(Affinity affinity) {
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return null;
        }
        return new AffinityBuilder().withNodeAffinity(affinity.getNodeAffinity()).build();
    }

    /** The volumes the migration container mounts (it has left out unlisted PersistentVolumeClaims). */
    private static List<Volume> mountedVolumes(List<Volume> volumes, Container reused, Container migrate) {
        String newName = migrate.getName();
        if (volumes == null || migrate.getVolumeMounts() == null || migrate.getVolumeMounts().isEmpty()) {
            return null;
        }
        // Null elements (a damaged request) name nothing and are dropped.
        Set<String> mounted = migrate.getVolumeMounts().stream().filter(Objects::nonNull).map(VolumeMount::getName)
                .collect(Collectors.toSet());
        return volumes.stream()
                .filter(volume -> volume != null && mounted.contains(volume.getName()))
                .map(volume -> renameResourceFieldRefs(volume, reused.getName(), newName))
                .toList();
    }

    /** Downward API files that read the reused container's resources must name the new container. */
    private static Volume renameResourceFieldRefs(Volume volume, String oldName, String newName) {
        if (volume.getDownwardAPI() != null && pointsAt(volume.getDownwardAPI().getItems(), oldName)) {
            return new VolumeBuilder(volume).editDownwardAPI()
                    .withItems(renamed(volume.getDownwardAPI().getItems(), oldName, newName)).endDownwardAPI().build();
        }
        if (volume.getProjected() != null && volume.getProjected().getSources() != null
                && volume.getProjected().getSources().stream().anyMatch(
                        source -> source != null && source.getDownwardAPI() != null && pointsAt(source.getDownwardAPI().getItems(), oldName))) {
            VolumeBuilder builder = new VolumeBuilder(volume);
            builder.editProjected().withSources(volume.getProjected().getSources().stream()
                    .map(source -> source == null || source.getDownwardAPI() == null ? source
                            : new VolumeProjectionBuilder(source).editDownwardAPI()
                                    .withItems(renamed(source.getDownwardAPI().getItems(), oldName, newName))
                                    .endDownwardAPI().build())
                    .toList()).endProjected();
            return builder.build();
        }
        return volume;
    }

    private static boolean pointsAt(List<DownwardAPIVolumeFile> items, String oldName) {
        return items != null && items.stream().anyMatch(item -> item != null && item.getResourceFieldRef() != null
                && Objects.equals(oldName, item.getResourceFieldRef().getContainerName()));
    }

    private static List<DownwardAPIVolumeFile> renamed(List<DownwardAPIVolumeFile> items, String oldName,
            String newName) {
        if (items == null) {
            return null;
        }
        return items.stream().map(item -> item != null && item.getResourceFieldRef() != null
                && Objects.equals(oldName, item.getResourceFieldRef().getContainerName())
                ? new DownwardAPIVolumeFileBuilder(item).editResourceFieldRef()
                        .withContainerName(newName).endResourceFieldRef().build()
                : item).toList();
    }
}
