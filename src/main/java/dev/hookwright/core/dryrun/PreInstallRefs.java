package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;
import dev.hookwright.core.policy.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code pre-install-refs}: a {@code pre-install} hook Job that reads a ConfigMap, Secret or
 * ServiceAccount the same stream creates as an ordinary object. Helm creates ordinary objects
 * after pre-install hooks, so on a first install the hook runs without them. Only a whole
 * stream shows this, so admission cannot check it.
 */
final class PreInstallRefs {
    static final String RULE = "pre-install-refs";
    private static final Set<String> KINDS = Set.of("ConfigMap", "Secret", "ServiceAccount");

    private PreInstallRefs() {
    }

    /** A reference from a pod spec to an object: its kind, name and the field that names it. */
    record Reference(String kind, String name, String path) {
    }

    static List<ObjectResult> flag(List<ObjectResult> results) {
        Set<String> ordinary = new HashSet<>();
        for (ObjectResult result : results) {
            JsonNode object = result.manifest().object();
            if (KINDS.contains(result.manifest().kind()) && !object.path("metadata").path("annotations").has(Keys.HELM_HOOK)) {
                ordinary.add(key(result.manifest().kind(), result.manifest().namespace(), result.manifest().name()));
            }
        }
        if (ordinary.isEmpty()) {
            return results;
        }
        List<ObjectResult> flagged = new ArrayList<>(results.size());
        for (ObjectResult result : results) {
            List<JsonNode> jobs = result.action() == DryRunAction.VALIDATE ? List.of(result.manifest().object())
                    : result.jobs().stream().map(job -> (JsonNode) Json.mapper().valueToTree(job)).toList();
            List<Finding> findings = new ArrayList<>();
            for (JsonNode job : jobs) {
                if (isPreInstall(job)) {
                    String namespace = job.path("metadata").path("namespace").asText("");
                    for (Reference ref : references(job.path("spec").path("template").path("spec"))) {
                        if (ordinary.contains(key(ref.kind(), namespace, ref.name()))) {
                            findings.addAll(Finding.warning(RULE, ref.path(), ref.path() + " names " + ref.kind() + " "
                                    + ref.name() + ", which this stream creates as an ordinary object: Helm creates it "
                                    + "after pre-install hooks, so on a first install the hook runs without it; make "
                                    + "it a hook with a lower weight, or run the migration post-install"));
                        }
                    }
                }
            }
            flagged.add(result.plus(findings));
        }
        return flagged;
    }

    private static boolean isPreInstall(JsonNode job) {
        String hooks = job.path("metadata").path("annotations").path(Keys.HELM_HOOK).asText("");
        for (String event : hooks.split(",")) {
            if (HookEvent.parse(event).filter(e -> e == HookEvent.PRE_INSTALL).isPresent()) {
                return true;
            }
        }
        return false;
    }

    static List<Reference> references(JsonNode podSpec) {
        List<Reference> refs = new ArrayList<>();
        String account = podSpec.path("serviceAccountName").asText("");
        if (!account.isEmpty()) {
            refs.add(new Reference("ServiceAccount", account, "spec.template.spec.serviceAccountName"));
        }
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = podSpec.path(list);
            for (int c = 0; c < containers.size(); c++) {
                String at = "spec.template.spec." + list + "[" + c + "]";
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
            String at = "spec.template.spec.volumes[" + v + "]";
            JsonNode volume = volumes.get(v);
            add(refs, "ConfigMap", volume.path("configMap"), at + ".configMap.name");
            String secret = volume.path("secret").path("secretName").asText("");
            if (!secret.isEmpty()) {
                refs.add(new Reference("Secret", secret, at + ".secret.secretName"));
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
            refs.add(new Reference(kind, name, path));
        }
    }

    private static String key(String kind, String namespace, String name) {
        return kind.toLowerCase(Locale.ROOT) + "/" + namespace + "/" + name;
    }
}
