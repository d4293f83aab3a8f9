package dev.hookwright.controller;

import dev.hookwright.core.Keys;
import dev.hookwright.kube.WritePort;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor against a recording write port: refusals, lost answers, conditional records, pods one by one. */
class ExecutorTest {
    private static final Deployment STORED = Deployments.optedIn("shop", "shop-web", "shop:1")
            .editMetadata().withUid(Given.UID).withResourceVersion("7").endMetadata().build();

    /** Answers each create from a script; records every write as one line. */
    private static final class Port implements WritePort {
        final Deque<Supplier<Created>> creates = new ArrayDeque<>();
        final List<String> writes = new ArrayList<>();
        final List<String> failingPods = new ArrayList<>();
        int version = 7;

        @Override
        public Created createJob(Job job, String ownerUid) {
            writes.add("create " + job.getMetadata().getName());
            return creates.isEmpty() ? Created.CREATED : creates.pop().get();
        }

        @Override
        public void deleteJob(String namespace, String name, String uid, String resourceVersion) {
            writes.add("delete " + name + " " + uid + " " + resourceVersion);
        }

        @Override
        public void releaseJob(String namespace, String name, String uid) {
            writes.add("release " + name);
        }

        @Override
        public void keepJob(String namespace, String name, String uid) {
            writes.add("keep " + name);
        }

        @Override
        public String annotate(Deployment deployment, String key, String value) {
            writes.add("annotate@" + deployment.getMetadata().getResourceVersion() + " " + key + "=" + value);
            return String.valueOf(++version);
        }

        @Override
        public void markMigrated(Pod pod) {
            writes.add("mark " + pod.getMetadata().getName());
            if (failingPods.contains(pod.getMetadata().getName())) {
                throw new KubernetesClientException("etcd timeout", 500, null);
            }
        }

        @Override
        public void event(Deployment involved, String type, String reason, String note) {
            writes.add("event " + type + " " + reason + " " + note);
        }
    }

    private static KubernetesClientException refusal(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException(status);
    }

    private static List<Step> createFirstMigration(Port port) {
        return Given.stored(STORED).decide();
    }

    @Test
    void aJobRefusedByAnotherWebhookIsRecordedFailedWithAWarningCarryingTheApisMessage() {
        Port port = new Port();
        port.creates.push(() -> {
            throw refusal(403, "admission webhook \"policy.example.com\" denied the request: image not signed; "
                    + "DB_PASSWORD=hunter2");
        });
        new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true).run(STORED, createFirstMigration(port));

        String job = Given.migration(STORED);
        assertThat(port.writes).containsExactly(
                "annotate@7 " + Keys.MIGRATION_STATUS + "=" + job + " Pending",
                "create " + job,
                "annotate@8 " + Keys.MIGRATION_STATUS + "=" + job + " Failed",
                port.writes.get(3));
        assertThat(port.writes.get(3)).startsWith("event Warning " + Reasons.REJECTED)
                .contains("HTTP 403", "image not signed", "DB_PASSWORD=***").doesNotContain("hunter2");
    }

    @Test
    void aJobRefusedAsInvalidIsRecordedFailedToo() {
        Port port = new Port();
        port.creates.push(() -> {
            throw refusal(422, "Job.batch \"x\" is invalid: spec.template.spec.containers[0].image: Required value");
        });
        new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true).run(STORED, createFirstMigration(port));
        assertThat(port.writes).anyMatch(w -> w.contains(Reasons.REJECTED) && w.contains("HTTP 422"));
    }

    @Test
    void aForbiddenCreateForWantOfRbacIsRetriedNotRecorded() {
        Port port = new Port();
        port.creates.push(() -> {
            throw refusal(403, "jobs.batch is forbidden: User \"system:serviceaccount:hookwright:hookwright\" cannot create "
                    + "resource \"jobs\" in API group \"batch\"");
        });
        Executor executor = new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true);
        assertThatThrownBy(() -> executor.run(STORED, createFirstMigration(port))).isInstanceOf(StepFailed.class)
                .hasMessageContaining("HTTP 403");
        assertThat(port.writes).noneMatch(w -> w.contains("Failed") || w.contains(Reasons.REJECTED));
    }

    @Test
    void aRetriedCreateAnswered409ForOurOwnJobIsASuccessWithExactlyOneCreatedEvent() {
        Port port = new Port();
        port.creates.add(() -> {
            throw new KubernetesClientException("timeout", 0, null);
        });
        port.creates.add(() -> WritePort.Created.EXISTS_OURS);
        new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true).run(STORED, createFirstMigration(port));
        assertThat(port.writes).filteredOn(w -> w.startsWith("create")).hasSize(2);
        assertThat(port.writes).filteredOn(w -> w.contains(Reasons.JOB_CREATED)).hasSize(1);
    }

    @Test
    void aRefusalOfACreateSentAgainAfterALostAnswerIsNotRecordedForTheJobMayExist() {
        Port port = new Port();
        port.creates.add(() -> {
            throw new KubernetesClientException("timeout", 0, null);
        });
        port.creates.add(() -> {
            throw refusal(403, "admission webhook \"images.example.com\" denied the request: unsigned image");
        });
        Executor executor = new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true);
        assertThatThrownBy(() -> executor.run(STORED, createFirstMigration(port))).isInstanceOf(StepFailed.class);
        assertThat(port.writes).noneMatch(w -> w.contains(" Failed") || w.contains(Reasons.REJECTED));
    }

    @Test
    void aFirstCreateAnswered409IsAnotherReplicasJobAndAnnouncedByNobodyHere() {
        Port port = new Port();
        port.creates.add(() -> WritePort.Created.EXISTS_OURS);
        new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true).run(STORED, createFirstMigration(port));
        assertThat(port.writes).noneMatch(w -> w.contains(Reasons.JOB_CREATED));
    }

    @Test
    void aCreateWhoseAnswersAreLostEveryTimeFailsTheReconcile() {
        Port port = new Port();
        for (int i = 0; i < Executor.CREATE_ATTEMPTS; i++) {
            port.creates.add(() -> {
                throw new KubernetesClientException("service unavailable", 503, null);
            });
        }
        Executor executor = new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true);
        assertThatThrownBy(() -> executor.run(STORED, createFirstMigration(port))).isInstanceOf(StepFailed.class);
        assertThat(port.writes).filteredOn(w -> w.startsWith("create")).hasSize(Executor.CREATE_ATTEMPTS);
    }

    @Test
    void onePodThatCannotBeReleasedDoesNotKeepTheOthersWaiting() {
        Port port = new Port();
        port.failingPods.add("web-b");
        List<Pod> pods = List.of(Deployments.gatedPod(STORED, "web-a", "shop:1"), Deployments.gatedPod(STORED, "web-b", "shop:1"),
                Deployments.gatedPod(STORED, "web-c", "shop:1"));
        Executor executor = new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> true);

        assertThatThrownBy(() -> executor.run(STORED, List.of(new Step.MarkMigrated(pods))))
                .isInstanceOf(StepFailed.class).hasMessageContaining("web-b");
        assertThat(port.writes).containsExactly("mark web-a", "mark web-b", "mark web-c");
    }

    @Test
    void stopsBeforeTheNextWriteOnceThisReplicaNoLongerLeads() {
        Port port = new Port();
        Executor executor = new Executor(port, new MigrationMetrics(new SimpleMeterRegistry()), () -> false);
        assertThatThrownBy(() -> executor.run(STORED, createFirstMigration(port))).isInstanceOf(Executor.NotLeading.class);
        assertThat(port.writes).isEmpty();
    }
}
