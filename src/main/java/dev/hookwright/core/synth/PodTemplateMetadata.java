package dev.hookwright.core.synth;

import dev.hookwright.core.settings.MigrationDefaults;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The labels and annotations of the migration pod, derived from the Deployment's pod template. */
final class PodTemplateMetadata {
    static final String ISTIO_INJECT = "sidecar.istio.io/inject";
    static final String VAULT_INJECT = "vault.hashicorp.com/agent-inject";
    static final String VAULT_PRE_POPULATE_ONLY = "vault.hashicorp.com/agent-pre-populate-only";

    private PodTemplateMetadata() {
    }

    /**
     * The pod's labels without the Deployment's selector keys, so the migration pod still
     * matches NetworkPolicies but no Service routes to it and no ReplicaSet adopts it, plus
     * the Job's own labels.
     */
    static Map<String, String> labels(ObjectMeta podMeta, LabelSelector selector, Map<String, String> jobLabels) {
        Set<String> selectorKeys = selectorKeys(selector);
        Map<String, String> labels = new LinkedHashMap<>();
        if (podMeta != null && podMeta.getLabels() != null) {
            podMeta.getLabels().forEach((key, value) -> {
                if (!selectorKeys.contains(key)) {
                    labels.put(key, value);
                }
            });
        }
        // Istio honours the label over the annotation: switch both off.
        labels.computeIfPresent(ISTIO_INJECT, (key, value) -> "false");
        labels.putAll(jobLabels);
        return labels;
    }

    /**
     * The pod's annotations with sidecars that never exit turned off: a Job whose pod keeps
     * a mesh proxy running never completes.
     */
    static Map<String, String> annotations(ObjectMeta podMeta, MigrationDefaults defaults) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (podMeta != null && podMeta.getAnnotations() != null) {
            annotations.putAll(podMeta.getAnnotations());
        }
        // Sorted: the configured map's own order changes from one JVM to the next, and a rendered
        // or exported Job must be the same text every time.
        annotations.putAll(new java.util.TreeMap<>(defaults.sidecarAnnotations()));
        if (defaults.vaultPrePopulateOnly() && "true".equalsIgnoreCase(annotations.get(VAULT_INJECT))) {
            annotations.put(VAULT_PRE_POPULATE_ONLY, "true");
        }
        return annotations;
    }

    private static Set<String> selectorKeys(LabelSelector selector) {
        Set<String> keys = new HashSet<>();
        if (selector == null) {
            return keys;
        }
        if (selector.getMatchLabels() != null) {
            keys.addAll(selector.getMatchLabels().keySet());
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().stream().map(LabelSelectorRequirement::getKey).forEach(keys::add);
        }
        return keys;
    }
}
