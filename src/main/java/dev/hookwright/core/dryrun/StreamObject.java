package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One object of the stream as Helm sees it for ordering: kind, namespace, name, whether it is a
 * hook, of which events and at which weight. Synthesized Jobs are objects of the stream too.
 *
 * @param owner the result the object belongs to (a synthesized Job belongs to its Deployment)
 */
record StreamObject(JsonNode object, ObjectResult owner) {
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]{1,18}");
    /**
     * Helm's install order of kinds, used by Helm only as the last tie-break between hooks of one
     * weight and one name (hooks are sorted by weight, then name: helm/helm#12414).
     */
    private static final List<String> KIND_ORDER = List.of("Namespace", "NetworkPolicy", "ResourceQuota",
            "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
            "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
            "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
            "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
            "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
            "APIService");

    /** Helm's order of the hooks of one event. */
    static final Comparator<StreamObject> HELM_ORDER = Comparator.comparingLong(StreamObject::weight)
            .thenComparing(StreamObject::name)
            .thenComparingInt(StreamObject::kindRank);

    String kind() {
        return object.path("kind").asText("");
    }

    String name() {
        return object.path("metadata").path("name").asText("");
    }

    String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    boolean isHook() {
        return object.path("metadata").path("annotations").has(Keys.HELM_HOOK)
                && !object.path("metadata").path("annotations").path(Keys.HELM_HOOK).isNull();
    }

    /** The events Helm runs the hook on; unknown ones are dropped as Helm drops them. */
    Set<HookEvent> events() {
        Set<HookEvent> events = EnumSet.noneOf(HookEvent.class);
        String value = object.path("metadata").path("annotations").path(Keys.HELM_HOOK).asText("");
        Arrays.stream(value.split(",")).map(HookEvent::parse).flatMap(Optional::stream).forEach(events::add);
        return events;
    }

    /** Helm reads the weight with strconv.Atoi and uses 0 when that fails. */
    long weight() {
        String value = object.path("metadata").path("annotations").path(Keys.HELM_HOOK_WEIGHT).asText("");
        return ATOI.matcher(value).matches() ? Long.parseLong(value) : 0;
    }

    private int kindRank() {
        int rank = KIND_ORDER.indexOf(kind());
        return rank < 0 ? KIND_ORDER.size() : rank;
    }

    /**
     * Whether this object is the one a reference in {@code namespace} names. An object without a
     * namespace is in the release's, which a stream rendered without {@code --namespace} does not
     * know, so it matches any.
     */
    boolean is(String wantedKind, String wantedNamespace, String wantedName) {
        return kind().equals(wantedKind) && name().equals(wantedName)
                && (namespace().isEmpty() || wantedNamespace.isEmpty() || namespace().equals(wantedNamespace));
    }

    String describe() {
        return kind() + " " + name();
    }
}
