package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects a pod reads: ConfigMaps and Secrets ({@code envFrom}, {@code env[].valueFrom},
 * volumes, projected volumes), pull Secrets, PersistentVolumeClaims and the ServiceAccount. The
 * pod spec is found where each workload kind keeps it.
 */
final class PodReferences {
    private PodReferences() {
    }

    /** A reference from a pod spec to an object: its kind, name, the field that names it, and whether the pod starts without it. */
    record Reference(String kind, String name, String path, boolean optional) {
    }

    /** The pod spec of a workload and the field path it sits at. */
    record PodSpec(JsonNode spec, String path) {
    }

    static Optional<PodSpec> podSpec(JsonNode object) {
        String kind = object.path("kind").asText("");
        return switch (kind) {
            case "Job", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController" ->
                    present(object.at("/spec/template/spec"), "spec.template.spec");
            case "CronJob" -> present(object.at("/spec/jobTemplate/spec/template/spec"), "spec.jobTemplate.spec.template.spec");
            case "Pod" -> present(object.path("spec"), "spec");
            default -> Optional.empty();
        };
    }

    private static Optional<PodSpec> present(JsonNode spec, String path) {
        return spec.isObject() ? Optional.of(new PodSpec(spec, path)) : Optional.empty();
    }

    static List<Reference> of(JsonNode object) {
        return podSpec(object).map(PodReferences::of).orElse(List.of());
    }

    static List<Reference> of(PodSpec pod) {
        JsonNode podSpec = pod.spec();
        String prefix = pod.path();
        List<Reference> refs = new ArrayList<>();
        String account = podSpec.path("serviceAccountName").asText("");
        if (!account.isEmpty()) {
            refs.add(new Reference("ServiceAccount", account, prefix + ".serviceAccountName", false));
        }
        JsonNode pullSecrets = podSpec.path("imagePullSecrets");
        for (int i = 0; i < pullSecrets.size(); i++) {
            // The kubelet pulls without a missing pull Secret (and fails only on a private image).
            add(refs, "Secret", pullSecrets.get(i), prefix + ".imagePullSecrets[" + i + "].name");
        }
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = podSpec.path(list);
            for (int c = 0; c < containers.size(); c++) {
                String at = prefix + "." + list + "[" + c + "]";
                JsonNode container = containers.get(c);
                JsonNode envFrom = container.path("envFrom");
                for (int i = 0; i < envFrom.size(); i++) {
                    add(refs, "ConfigMap", envFrom.get(i).path("configMapRef"), at + ".envFrom[" + i + "].configMapRef.name");
                    add(refs, "Secret", envFrom.get(i).path("secretRef"), at + ".envFrom[" + i + "].secretRef.name");
                }
                JsonNode env = container.path("env");
                for (int i = 0; i < env.size(); i++) {
                    JsonNode from = env.get(i).path("valueFrom");
                    add(refs, "ConfigMap", from.path("configMapKeyRef"), at + ".env[" + i + "].valueFrom.configMapKeyRef.name");
                    add(refs, "Secret", from.path("secretKeyRef"), at + ".env[" + i + "].valueFrom.secretKeyRef.name");
                }
            }
        }
        JsonNode volumes = podSpec.path("volumes");
        for (int v = 0; v < volumes.size(); v++) {
            String at = prefix + ".volumes[" + v + "]";
            JsonNode volume = volumes.get(v);
            add(refs, "ConfigMap", volume.path("configMap"), at + ".configMap.name");
            String secret = volume.path("secret").path("secretName").asText("");
            if (!secret.isEmpty()) {
                refs.add(new Reference("Secret", secret, at + ".secret.secretName",
                        volume.path("secret").path("optional").asBoolean(false)));
            }
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText("");
            if (!claim.isEmpty()) {
                refs.add(new Reference("PersistentVolumeClaim", claim, at + ".persistentVolumeClaim.claimName", false));
            }
            JsonNode sources = volume.path("projected").path("sources");
            for (int s = 0; s < sources.size(); s++) {
                add(refs, "ConfigMap", sources.get(s).path("configMap"), at + ".projected.sources[" + s + "].configMap.name");
                add(refs, "Secret", sources.get(s).path("secret"), at + ".projected.sources[" + s + "].secret.name");
            }
        }
        return refs;
    }

    private static void add(List<Reference> refs, String kind, JsonNode holder, String path) {
        String name = holder.path("name").asText("");
        if (!name.isEmpty()) {
            refs.add(new Reference(kind, name, path, holder.path("optional").asBoolean(false)));
        }
    }
}
