package dev.hookwright.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the kubelet (and the scheduler) of the one fake node: there is no container runtime, so
 * the test decides how a migration pod ends. It creates no pod itself; it only acts on the pods
 * the real Job and ReplicaSet controllers made, through the same API a kubelet uses:
 * {@code pods/binding}, {@code pods/status} (strategic merge, so conditions other writers added —
 * hookwright's readiness gate — are kept) and the final delete of a terminating pod.
 * <ul>
 * <li>a Job's pod runs until the test {@linkplain #finish finishes} its Job, then ends with that
 * exit code and termination message (phase {@code Succeeded} or {@code Failed});</li>
 * <li>a ReplicaSet's pod runs with its containers ready, and is Ready exactly when every readiness
 * gate's condition is True — as the kubelet computes it.</li>
 * </ul>
 */
final class FakeKubelet {
    static final String NODE = "e2e-node";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    record Ending(int exitCode, String message) {
    }

    private final KubernetesClient client;
    private final Map<String, Ending> endings = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread loop;

    FakeKubelet(KubernetesClient client) {
        this.client = client;
    }

    FakeKubelet start() {
        loop = new Thread(() -> {
            while (running) {
                try {
                    client.pods().inAnyNamespace().list().getItems().forEach(this::sync);
                } catch (RuntimeException e) {
                    // The API server may be restarting or the pod gone; the next round tries again.
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fake-kubelet");
        loop.setDaemon(true);
        loop.start();
        return this;
    }

    void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    /** The pods of Job {@code job} in {@code namespace} end with {@code exitCode} and {@code message}. */
    void finish(String namespace, String job, int exitCode, String message) {
        endings.put(namespace + "/" + job, new Ending(exitCode, message));
    }

    private void sync(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // A bound pod is deleted gracefully: the API server waits for the kubelet to confirm.
            if (pod.getSpec().getNodeName() != null) {
                ignoreGone(() -> client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete());
            }
            return;
        }
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            ignoreGone(() -> client.bindings().inNamespace(namespace).resource(new BindingBuilder().withNewMetadata()
                    .withName(name).endMetadata().withNewTarget().withApiVersion("v1").withKind("Node").withName(NODE)
                    .endTarget().build()).create());
            return;
        }
        String phase = Objects.requireNonNullElse(pod.getStatus() == null ? null : pod.getStatus().getPhase(), "Pending");
        Optional<OwnerReference> owner = pod.getMetadata().getOwnerReferences().stream()
                .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
        if (owner.isEmpty()) {
            return;
        }
        switch (owner.get().getKind()) {
            case "Job" -> {
                Ending ending = endings.get(namespace + "/" + owner.get().getName());
                if ("Pending".equals(phase)) {
                    patchStatus(pod, running(pod, false));
                } else if ("Running".equals(phase) && ending != null) {
                    patchStatus(pod, terminated(pod, ending));
                }
            }
            case "ReplicaSet" -> {
                boolean ready = gatesPass(pod);
                if (!"Running".equals(phase) || ready != conditionTrue(pod, "Ready")) {
                    patchStatus(pod, running(pod, ready));
                }
            }
            default -> {
            }
        }
    }

    /** Ready = containers ready and every readiness gate's condition True (the kubelet's rule). */
    private static boolean gatesPass(Pod pod) {
        List<PodReadinessGate> gates = Optional.ofNullable(pod.getSpec().getReadinessGates()).orElse(List.of());
        return gates.stream().allMatch(g -> conditionTrue(pod, g.getConditionType()));
    }

    private static boolean conditionTrue(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static ObjectNode running(Pod pod, boolean ready) {
        String now = now();
        String startedAt = Optional.ofNullable(pod.getStatus()).map(s -> s.getStartTime()).orElse(now);
        ObjectNode status = JSON.objectNode();
        status.put("phase", "Running").put("startTime", startedAt);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, pod, "PodScheduled", true, now);
        condition(conditions, pod, "Initialized", true, now);
        condition(conditions, pod, "ContainersReady", true, now);
        condition(conditions, pod, "Ready", ready, now);
        ArrayNode containers = status.putArray("containerStatuses");
        for (Container container : pod.getSpec().getContainers()) {
            ObjectNode s = containers.addObject();
            s.put("name", container.getName()).put("image", container.getImage())
                    .put("imageID", "e2e://" + container.getImage()).put("ready", true).put("started", true)
                    .put("restartCount", 0);
            s.putObject("state").putObject("running").put("startedAt", startedAt);
        }
        return status;
    }

    private static ObjectNode terminated(Pod pod, Ending ending) {
        String now = now();
        String startedAt = Optional.ofNullable(pod.getStatus()).map(s -> s.getStartTime()).orElse(now);
        ObjectNode status = JSON.objectNode();
        status.put("phase", ending.exitCode() == 0 ? "Succeeded" : "Failed");
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, pod, "ContainersReady", false, now);
        condition(conditions, pod, "Ready", false, now);
        ArrayNode containers = status.putArray("containerStatuses");
        for (Container container : pod.getSpec().getContainers()) {
            ObjectNode s = containers.addObject();
            s.put("name", container.getName()).put("image", container.getImage())
                    .put("imageID", "e2e://" + container.getImage()).put("ready", false).put("started", false)
                    .put("restartCount", 0);
            ObjectNode state = s.putObject("state");
            state.putNull("running"); // strategic merge: the running state goes, the terminated one comes
            ObjectNode terminated = state.putObject("terminated");
            terminated.put("exitCode", ending.exitCode()).put("reason", ending.exitCode() == 0 ? "Completed" : "Error")
                    .put("startedAt", startedAt).put("finishedAt", now);
            if (ending.message() != null) {
                terminated.put("message", ending.message());
            }
        }
        return status;
    }

    private static void condition(ArrayNode conditions, Pod pod, String type, boolean value, String now) {
        String status = value ? "True" : "False";
        boolean same = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().map(PodCondition.class::cast)
                .anyMatch(c -> type.equals(c.getType()) && status.equals(c.getStatus()));
        if (!same) {
            conditions.addObject().put("type", type).put("status", status).put("lastTransitionTime", now);
        }
    }

    private void patchStatus(Pod pod, ObjectNode status) {
        ObjectNode patch = JSON.objectNode();
        patch.set("status", status);
        ignoreGone(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString()));
    }

    private static void ignoreGone(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
