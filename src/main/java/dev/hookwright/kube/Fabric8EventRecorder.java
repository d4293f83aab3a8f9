package dev.hookwright.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.naming.Hashes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * core/v1 Events, aggregated as kubectl shows them ("x3 over 10m"): an Event's name is derived
 * from the Deployment's uid, the reason and the note, so a repeated report (a conflict seen on
 * every resync) patches {@code count} and {@code lastTimestamp} of the existing Event instead of
 * adding one per resync.
 */
public final class Fabric8EventRecorder {
    static final String COMPONENT = "hookwright";
    private static final int MAX_PREFIX = 200;
    private static final int REMEMBERED = 1024;

    private final KubernetesClient client;
    private final String instance;
    /** Counts of Events this process recorded: the API grants create and patch, not get. */
    private final Map<String, Integer> counts = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    });

    public Fabric8EventRecorder(KubernetesClient client, String instance) {
        this.client = client;
        this.instance = instance;
    }

    public void record(Deployment involved, String type, String reason, String note) {
        String namespace = involved.getMetadata().getNamespace();
        String name = eventName(involved, reason, note);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion("apps/v1").withKind("Deployment").withNamespace(namespace)
                    .withName(involved.getMetadata().getName()).withUid(involved.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(note)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT).withReportingInstance(instance)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
            counts.put(name, 1);
        } catch (KubernetesClientException e) {
            if (!ApiErrors.is(e, ApiErrors.CONFLICT)) {
                throw e;
            }
            int count = counts.merge(name, 2, (old, ignored) -> old + 1);
            ObjectNode patch = Json.mapper().createObjectNode().put("count", count).put("lastTimestamp", now);
            client.v1().events().inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        }
    }

    static String eventName(Deployment involved, String reason, String note) {
        String deployment = involved.getMetadata().getName();
        String prefix = deployment.length() > MAX_PREFIX ? deployment.substring(0, MAX_PREFIX) : deployment;
        return prefix + "." + Hashes.sha256Hex(involved.getMetadata().getUid() + "/" + reason + "/" + note, 16);
    }
}
