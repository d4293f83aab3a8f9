package dev.hookwright.controller;

import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.naming.Hashes;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.kube.ClusterReader;
import dev.hookwright.kube.Fabric8WritePort;
import dev.hookwright.kube.WritePort;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller against fabric8's mock API server (CRUD mode: finalizers honoured, status
 * subresources served) while this test plays the rest of the cluster: Helm (upgrades, two
 * upgrades seconds apart, rollbacks, a revision marked skip) and the webhook's record, the
 * Deployment and ReplicaSet controllers (a ReplicaSet per template with the Deployment's
 * annotations copied, pods with {@code pod-template-hash}, a controller ownerReference and a mesh
 * proxy as their first container, old pods kept until new ones are released, drained pods
 * recreated, the Deployment's status counting its pods a tick or two late), the Job controller (interim {@code active: 0} with {@code uncountedTerminatedPods},
 * {@code terminating} after an eviction, {@code SuccessCriteriaMet} / {@code FailureTarget}
 * before {@code Complete} / {@code Failed}), the TTL controller (ttl 0: a finished Job is deleted
 * at once) and the kubelet (status updates). Controller restarts and leader changes are played
 * too, a second replica may run a whole reconcile between two writes of the first, the answer to a
 * create may be lost, and another admission webhook may refuse a Job.
 *
 * <p>Every round is a seeded random interleaving; a failure names its seed. Run more with
 * {@code -Dlifecycle.rounds=2000}, replay one with {@code -Dlifecycle.seed=N -Dlifecycle.rounds=1}.
 *
 * <p>Invariants: no Job name is ever started twice, and created again only while no Job of that
 * name ever started; a started Job is never deleted by the controller; every Job's true outcome
 * ends in the history and the current revision's in its record; a pod is released only when the
 * migration its ReplicaSet runs is final Succeeded or Skipped, and then within 5 s (simulated);
 * every creation by the controller is announced by {@code MigrationJobCreated}, and nothing else is; once
 * settled, no pod of a migrated revision waits (judged from the pods, not from what the controller read).
 */
@EnableKubernetesMockClient(crud = true)
class LifecycleTest {
    static KubernetesClient client;

    private static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    /**
     * {@code keep-failed} 0: failed Jobs keep their TTL (0 here), so a settled cluster has no Job
     * left; keeping failed Jobs is tested on its own.
     */
    private static final java.time.Duration KEEP_TTL = java.time.Duration.ZERO;
    private static final long TICK_MILLIS = 100;
    private static final long RELEASE_WITHIN_TICKS = 5_000 / TICK_MILLIS;
    private static final int RANDOM_TICKS = 45;

    @Test
    void exactlyOnceUnderSeededRandomInterleavings() {
        // Thousands of reconciles: their INFO lines would cost more than the rounds themselves.
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("dev.hookwright");
        java.util.logging.Level before = quiet.getLevel();
        quiet.setLevel(java.util.logging.Level.WARNING);
        try {
            rounds();
        } finally {
            quiet.setLevel(before);
        }
    }

    private void rounds() {
        int rounds = Integer.getInteger("lifecycle.rounds", 200);
        long base = Long.getLong("lifecycle.seed", 20261205L);
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            long seed = base + round;
            World world = new World(seed, "lc-" + Long.toHexString(seed));
            try {
                world.play();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("lifecycle round failed; replay with -Dlifecycle.seed=" + seed
                        + " -Dlifecycle.rounds=1\n" + world.trace(), e);
            }
            world.clear();
        }
        System.out.printf("[lifecycle] %d rounds from seed %d in %d ms%n", rounds, base,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** One round: a namespace, a Deployment, the cluster's actors and two controller replicas. */
    private static final class World {
        final Random random;
        final String namespace;
        final List<String> trace = new ArrayList<>();
        long tick;
        final Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.parse("2026-01-01T00:00:00Z").plusMillis(tick * TICK_MILLIS);
            }
        };

        // Helm's view: the images of the revisions installed so far (revision n = index n - 1).
        final List<String> revisions = new ArrayList<>();
        final boolean pre;
        final boolean seeded;
        final boolean seedAlways;
        int helmActions;

        // What really happened, by Job name: the uids created, whether one started, its true outcome.
        final Map<String, Integer> created = new HashMap<>();
        final Set<String> startedNames = new HashSet<>();
        final Set<String> startedUids = new HashSet<>();
        final Map<String, Phase> truth = new LinkedHashMap<>();
        final Map<String, Boolean> willFail = new HashMap<>();
        final Set<String> refused = new HashSet<>();
        final Map<String, Long> eligibleSince = new HashMap<>();
        int podCounter;

        // The controller: the replica that leads, and whether a reconcile is due (what the informers and pod watch do).
        final Replica[] replicas = new Replica[2];
        int leader;
        boolean dirty = true;
        long dirtySince;
        int nesting;

        World(long seed, String namespace) {
            this.random = new Random(seed);
            this.namespace = namespace;
            this.pre = random.nextBoolean();
            this.seeded = random.nextInt(3) == 0;
            this.seedAlways = random.nextBoolean();
            replicas[0] = new Replica("replica-a");
            replicas[1] = new Replica("replica-b");
        }

        /** The mock server lists by scanning everything it stores: each round leaves nothing behind. */
        void clear() {
            client.v1().events().inNamespace(namespace).delete();
            client.pods().inNamespace(namespace).delete();
            client.apps().replicaSets().inNamespace(namespace).delete();
            client.apps().deployments().inNamespace(namespace).delete();
            client.namespaces().withName(namespace).delete();
        }

        String trace() {
            int from = Math.max(0, trace.size() - 60);
            return String.join("\n", trace.subList(from, trace.size()));
        }

        void log(String what) {
            trace.add("t" + tick + " " + what);
        }

        void play() {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
            install();
            for (int i = 0; i < RANDOM_TICKS; i++) {
                step();
            }
            quiesce();
            checkFinalState();
        }

        // ---------------------------------------------------------------- the scheduler

        void step() {
            tick++;
            if (random.nextInt(3) != 0) {
                // Quick, never instant: a pod can exist for a tick or two before the status counts it.
                deploymentController();
            }
            int roll = random.nextInt(100);
            if (roll < 30) {
                reconcileIfDue();
            } else if (roll < 52) {
                jobController();
            } else if (roll < 60) {
                ttlController();
            } else if (roll < 72) {
                replicaSetController();
            } else if (roll < 77) {
                kubelet();
            } else if (roll < 81) {
                drain();
            } else if (roll < 92) {
                helm();
            } else if (roll < 96) {
                restart();
            } else {
                changeLeader();
            }
            if (tick % 3 == 0) {
                // Often enough: a released pod stays released and the history only grows, so nothing slips through.
                checkPods();
            }
        }

        void reconcileIfDue() {
            if (dirty || random.nextInt(4) == 0) {
                reconcile(replicas[leader]);
            }
        }

        void reconcile(Replica replica) {
            dirty = false;
            try {
                replica.reconciler.reconcile(new DeploymentKey(namespace, "shop-web"));
                log(replica.name + " reconciled");
            } catch (StepFailed e) {
                // A write on a stale read (409), or an answer lost: the work queue hands the key out again after its
                // backoff. An error that keeps coming back shows as a cluster that does not settle.
                log(replica.name + " reconcile failed, again: " + e.getMessage());
                markDirty();
            }
        }

        void markDirty() {
            if (!dirty) {
                dirty = true;
                dirtySince = tick;
            }
        }

        /** Something the controller waits on happened in between two of its writes. */
        void interleave() {
            if (nesting > 0 || random.nextInt(100) >= 15) {
                return;
            }
            nesting++;
            try {
                switch (random.nextInt(6)) {
                    case 0 -> jobController();
                    case 1 -> ttlController();
                    case 2 -> replicaSetController();
                    case 3 -> helm();
                    case 4 -> kubelet();
                    default -> {
                        // The other replica believes it leads too (a Lease about to expire): a whole reconcile in between.
                        log("other replica reconciles in between");
                        reconcile(replicas[1 - leader]);
                    }
                }
            } finally {
                nesting--;
            }
        }

        void restart() {
            replicas[leader] = new Replica(replicas[leader].name);
            log("controller " + replicas[leader].name + " restarted");
            markDirty();
        }

        void changeLeader() {
            leader = 1 - leader;
            log("leader is now " + replicas[leader].name);
            markDirty();
        }

        // ---------------------------------------------------------------- Helm and the webhook

        void install() {
            String image = "shop:1";
            revisions.add(image);
            Deployment manifest = manifest(image, false);
            client.apps().deployments().inNamespace(namespace).resource(manifest).create();
            log("helm install " + image + (pre ? " (pre)" : "") + (seeded ? " (seed)" : ""));
            markDirty();
        }

        Deployment manifest(String image, boolean skip) {
            DeploymentBuilder builder = Deployments.optedIn(namespace, "shop-web", image).editMetadata()
                    .addToAnnotations(Keys.TTL_SECONDS_AFTER_FINISHED, "0")
                    .addToAnnotations(Keys.WHEN, pre ? "pre" : "post")
                    .endMetadata();
            if (seeded) {
                builder.editMetadata().addToAnnotations(Keys.SEED_COMMAND, SeedStageTest.SEED_COMMAND)
                        .addToAnnotations(Keys.SEED_WHEN, seedAlways ? "always" : "install").endMetadata();
            }
            if (skip) {
                builder.editMetadata().addToAnnotations(Keys.SKIP, "true").endMetadata();
            }
            Deployment deployment = builder.build();
            // What the webhook adds: the record of the Job, and for pre the readiness gate.
            Plan.Planned planned = (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
            builder = new DeploymentBuilder(deployment).editMetadata()
                    .addToAnnotations(Keys.MIGRATION_JOB, planned.jobName()).endMetadata();
            if (pre) {
                builder.editSpec().editTemplate().editSpec().addNewReadinessGate().withConditionType(Keys.READINESS_GATE)
                        .endReadinessGate().endSpec().endTemplate().endSpec();
            }
            return builder.build();
        }

        void helm() {
            if (helmActions >= 6 || nesting > 1) {
                return;
            }
            helmActions++;
            int roll = random.nextInt(10);
            if (roll < 5) {
                upgrade("shop:" + (revisions.size() + 1), false);
            } else if (roll < 7 && revisions.size() > 1) {
                // helm rollback re-applies an earlier revision's manifest (as a new revision).
                String back = revisions.get(random.nextInt(revisions.size() - 1));
                log("helm rollback to " + back);
                upgrade(back, false);
            } else if (roll < 9) {
                upgrade("shop:" + (revisions.size() + 1), false);
                upgrade("shop:" + (revisions.size() + 1), false);
            } else {
                upgrade(revisions.get(revisions.size() - 1), true);
            }
        }

        /** Helm's three-way merge: the chart's fields replaced, the controller's records kept. */
        void upgrade(String image, boolean skip) {
            revisions.add(image);
            Deployment manifest = manifest(image, skip);
            edit(d -> {
                Map<String, String> annotations = new LinkedHashMap<>(manifest.getMetadata().getAnnotations());
                d.getMetadata().getAnnotations().forEach((key, value) -> {
                    if (Keys.isRecord(key) && !Keys.MIGRATION_JOB.equals(key)) {
                        annotations.put(key, value);
                    }
                });
                return new DeploymentBuilder(d).editMetadata().withAnnotations(annotations).endMetadata()
                        .editSpec().withTemplate(manifest.getSpec().getTemplate()).endSpec().build();
            });
            log("helm upgrade to " + image + (skip ? " with skip" : "") + " -> " + job(image));
            markDirty();
        }

        String job(String image) {
            return ((Plan.Planned) PLANNER.plan(manifest(image, false), Optional.empty())).jobName();
        }

        void edit(UnaryOperator<Deployment> change) {
            for (int attempt = 0; ; attempt++) {
                try {
                    client.apps().deployments().inNamespace(namespace).withName("shop-web").edit(change);
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt > 10) {
                        throw e;
                    }
                }
            }
        }

        Deployment deployment() {
            return client.apps().deployments().inNamespace(namespace).withName("shop-web").get();
        }

        // ---------------------------------------------------------------- the Job controller and the TTL controller

        List<Job> jobs() {
            return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
        }

        void jobController() {
            List<Job> unfinished = jobs().stream().filter(j -> !JobState.of(j).isFinished()).toList();
            if (unfinished.isEmpty()) {
                return;
            }
            advance(unfinished.get(random.nextInt(unfinished.size())));
        }

        /** One sync of the Job controller, in the order a real one writes its status. */
        void advance(Job job) {
            String name = job.getMetadata().getName();
            String uid = job.getMetadata().getUid();
            JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
            boolean failing = willFail.computeIfAbsent(uid, u -> random.nextInt(4) == 0);
            JobStatusBuilder next = new JobStatusBuilder(status);
            String phase;
            if (!startedUids.contains(uid)) {
                if (job.getMetadata().getDeletionTimestamp() != null) {
                    return;
                }
                // The controller set startTime on its first sync, before any pod: still not started.
                if (status.getStartTime() == null && random.nextBoolean()) {
                    setStatus(job, next.withStartTime(clock.instant().toString()).build());
                    log("job controller: " + name + " startTime, no pod yet");
                    return;
                }
                if (!startedNames.add(name)) {
                    throw new AssertionError("Job " + name + " started a second time (uid " + uid + ")");
                }
                startedUids.add(uid);
                next.withActive(1).withStartTime(clock.instant().toString());
                phase = "active 1";
            } else if (has(status, "SuccessCriteriaMet") || has(status, "FailureTarget")) {
                boolean ok = has(status, "SuccessCriteriaMet");
                next.addToConditions(condition(ok ? "Complete" : "Failed"));
                if (ok) {
                    next.withCompletionTime(clock.instant().toString());
                }
                truth.put(name, ok ? Phase.Succeeded : Phase.Failed);
                phase = ok ? "Complete" : "Failed";
            } else if (status.getUncountedTerminatedPods() != null) {
                next.withUncountedTerminatedPods(null);
                if (failing) {
                    next.withFailed(1);
                } else {
                    next.withSucceeded(1);
                }
                if (random.nextBoolean()) {
                    next.addToConditions(condition(failing ? "FailureTarget" : "SuccessCriteriaMet"));
                    phase = failing ? "FailureTarget" : "SuccessCriteriaMet";
                } else {
                    next.addToConditions(condition(failing ? "Failed" : "Complete"));
                    if (!failing) {
                        next.withCompletionTime(clock.instant().toString());
                    }
                    truth.put(name, failing ? Phase.Failed : Phase.Succeeded);
                    phase = failing ? "Failed" : "Complete";
                }
            } else if (positive(status.getTerminating())) {
                next.withTerminating(0).withActive(1);
                phase = "evicted pod replaced, active 1";
            } else if (random.nextInt(4) == 0) {
                next.withActive(0).withTerminating(1);
                phase = "pod evicted, terminating 1";
            } else {
                next.withActive(0).withNewUncountedTerminatedPods()
                        .withSucceeded(failing ? List.of() : List.of(uid + "-pod"))
                        .withFailed(failing ? List.of(uid + "-pod") : List.of()).endUncountedTerminatedPods();
                phase = "active 0, uncountedTerminatedPods";
            }
            setStatus(job, next.build());
            log("job controller: " + name + " " + phase);
            markDirty();
        }

        void setStatus(Job job, JobStatus status) {
            try {
                client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName())
                        .editStatus(current -> {
                            if (!current.getMetadata().getUid().equals(job.getMetadata().getUid())) {
                                throw new IllegalStateException("another Job of that name");
                            }
                            current.setStatus(status);
                            return current;
                        });
            } catch (KubernetesClientException | IllegalStateException e) {
                // Gone or replaced meanwhile: the real controller's next sync sees the new object.
            }
        }

        static boolean has(JobStatus status, String type) {
            return status.getConditions() != null && status.getConditions().stream()
                    .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
        }

        JobCondition condition(String type) {
            return new JobConditionBuilder().withType(type).withStatus("True").withReason("Simulated")
                    .withLastTransitionTime(clock.instant().toString()).build();
        }

        static boolean positive(Integer value) {
            return value != null && value > 0;
        }

        /** ttlSecondsAfterFinished: 0, so a finished Job is deleted as soon as the TTL controller sees it. */
        void ttlController() {
            for (Job job : jobs()) {
                if (JobState.of(job).isFinished() && job.getMetadata().getDeletionTimestamp() == null) {
                    client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).delete();
                    log("ttl controller: deleted " + job.getMetadata().getName());
                    markDirty();
                }
            }
        }

        // ---------------------------------------------------------------- the Deployment/ReplicaSet controllers, the kubelet

        List<ReplicaSet> replicaSets() {
            return client.apps().replicaSets().inNamespace(namespace).list().getItems();
        }

        List<Pod> pods() {
            return client.pods().inNamespace(namespace).list().getItems().stream()
                    .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey("pod-template-hash"))
                    .toList();
        }

        static String templateHash(Deployment deployment) {
            return Hashes.sha256Hex(Json.mapper().valueToTree(deployment.getSpec().getTemplate()).toString(), 10);
        }

        void replicaSetController() {
            Deployment deployment = deployment();
            String hash = templateHash(deployment);
            String current = "shop-web-" + hash;
            Optional<ReplicaSet> existing = replicaSets().stream().filter(rs -> rs.getMetadata().getName().equals(current))
                    .findFirst();
            Map<String, String> annotations = new LinkedHashMap<>(deployment.getMetadata().getAnnotations());
            if (existing.isEmpty()) {
                client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                        .withNewMetadata().withName(current).withNamespace(namespace)
                            .withAnnotations(annotations)
                            .addToLabels("app", "shop-web").addToLabels("pod-template-hash", hash)
                            .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                                    .withName("shop-web").withUid(deployment.getMetadata().getUid()).withController(true)
                                    .build())
                        .endMetadata()
                        .withNewSpec().withReplicas(2).withSelector(deployment.getSpec().getSelector())
                            .withTemplate(deployment.getSpec().getTemplate()).endSpec()
                        .build()).create();
                log("deployment controller: ReplicaSet " + current + " for " + annotations.get(Keys.MIGRATION_JOB));
            } else if (!annotations.equals(existing.get().getMetadata().getAnnotations())) {
                // The Deployment controller keeps the newest ReplicaSet's annotations in step with the Deployment's.
                client.apps().replicaSets().inNamespace(namespace).withName(current).edit(rs -> new ReplicaSetBuilder(rs)
                        .editMetadata().withAnnotations(annotations).endMetadata().build());
            }
            List<Pod> pods = pods();
            boolean newServes = pods.stream().anyMatch(p -> hash(p).equals(hash) && PodGates.isMigrated(p))
                    || !pre && pods.stream().anyMatch(p -> hash(p).equals(hash));
            for (ReplicaSet rs : replicaSets()) {
                String rsHash = rs.getMetadata().getLabels().get("pod-template-hash");
                List<Pod> own = pods.stream().filter(p -> hash(p).equals(rsHash)).toList();
                int wanted = rsHash.equals(hash) ? 2 : newServes ? 0 : (own.isEmpty() ? 0 : 2);
                for (int i = own.size(); i < wanted; i++) {
                    createPod(rs);
                }
                for (int i = wanted; i < own.size(); i++) {
                    deletePod(own.get(i));
                }
            }
        }

        /**
         * The Deployment controller's status: every pod counted, ready when its readiness gate (if
         * any) holds, updated when of the current template, the generation observed. The controller
         * reads gated pods only while this says one may wait, so it must be right once written.
         */
        void deploymentController() {
            Deployment deployment = deployment();
            if (deployment == null) {
                return;
            }
            String hash = templateHash(deployment);
            List<Pod> pods = pods();
            int ready = (int) pods.stream().filter(p -> !PodGates.hasGate(p.getSpec()) || PodGates.isMigrated(p)).count();
            int updated = (int) pods.stream().filter(p -> hash(p).equals(hash)).count();
            io.fabric8.kubernetes.api.model.apps.DeploymentStatus status = new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).withReplicas(pods.size())
                    .withReadyReplicas(ready).withUpdatedReplicas(updated).withAvailableReplicas(ready).build();
            if (status.equals(deployment.getStatus())) {
                return;
            }
            try {
                client.apps().deployments().inNamespace(namespace).withName("shop-web").editStatus(d -> {
                    d.setStatus(status);
                    return d;
                });
                log("deployment controller: status " + pods.size() + " pods, " + ready + " ready, " + updated + " updated");
                markDirty();
            } catch (KubernetesClientException e) {
                // Changed meanwhile: the next sync writes it.
            }
        }

        static String hash(Pod pod) {
            return pod.getMetadata().getLabels().get("pod-template-hash");
        }

        void createPod(ReplicaSet rs) {
            String name = rs.getMetadata().getName() + "-" + (++podCounter);
            List<Container> containers = new ArrayList<>();
            // A mesh's injector puts its proxy first; the app's container keeps its name.
            containers.add(new ContainerBuilder().withName("linkerd-proxy").withImage("cr.l5d.io/linkerd/proxy:stable").build());
            containers.addAll(rs.getSpec().getTemplate().getSpec().getContainers());
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
                        .addToLabels("pod-template-hash", rs.getMetadata().getLabels().get("pod-template-hash"))
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                                .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid()).withController(true)
                                .build())
                    .endMetadata()
                    .withNewSpec().withContainers(containers)
                        .withReadinessGates(rs.getSpec().getTemplate().getSpec().getReadinessGates()).endSpec()
                    .build()).create();
            log("replicaset controller: pod " + name);
            markDirty();
        }

        void deletePod(Pod pod) {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            eligibleSince.remove(pod.getMetadata().getName());
            log("pod " + pod.getMetadata().getName() + " deleted");
            markDirty();
        }

        void drain() {
            List<Pod> pods = pods();
            if (!pods.isEmpty()) {
                deletePod(pods.get(random.nextInt(pods.size())));
                log("(a node drain)");
            }
        }

        /** The kubelet rewrites the pod's own conditions all the time; hookwright's must survive that. */
        void kubelet() {
            List<Pod> pods = pods();
            if (pods.isEmpty()) {
                return;
            }
            Pod pod = pods.get(random.nextInt(pods.size()));
            try {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
                    List<io.fabric8.kubernetes.api.model.PodCondition> conditions = new ArrayList<>(
                            p.getStatus() == null || p.getStatus().getConditions() == null ? List.of()
                                    : p.getStatus().getConditions());
                    conditions.removeIf(c -> "ContainersReady".equals(c.getType()));
                    conditions.add(new PodConditionBuilder().withType("ContainersReady").withStatus("True").build());
                    if (p.getStatus() == null) {
                        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                    }
                    p.getStatus().setConditions(conditions);
                    return p;
                });
            } catch (KubernetesClientException e) {
                // The pod went meanwhile.
            }
        }

        // ---------------------------------------------------------------- invariants

        History history() {
            Map<String, String> annotations = deployment().getMetadata().getAnnotations();
            return History.parse(annotations == null ? null : annotations.get(Keys.MIGRATION_HISTORY));
        }

        /** Released only when what the pod runs is final Succeeded or Skipped; then within 5 s. */
        void checkPods() {
            if (!pre) {
                return;
            }
            History history = history();
            Map<String, ReplicaSet> byName = new HashMap<>();
            replicaSets().forEach(rs -> byName.put(rs.getMetadata().getName(), rs));
            for (Pod pod : pods()) {
                String rsName = pod.getMetadata().getOwnerReferences().get(0).getName();
                String runs = byName.get(rsName).getMetadata().getAnnotations().get(Keys.MIGRATION_JOB);
                boolean migrated = history.find(runs).map(e -> e.outcome().releasesTraffic()).orElse(false);
                String name = pod.getMetadata().getName();
                if (PodGates.isMigrated(pod)) {
                    assertThat(migrated).as("pod %s released although %s is %s", name, runs, history.find(runs)).isTrue();
                    eligibleSince.remove(name);
                } else if (migrated) {
                    long since = eligibleSince.computeIfAbsent(name, n -> tick);
                    assertThat(tick - since).as("pod %s of migrated %s still waits", name, runs)
                            .isLessThanOrEqualTo(RELEASE_WITHIN_TICKS);
                }
            }
        }

        /** Everything runs to its end: the Job controller finishes every Job, the TTL removes them, the controller catches up. */
        void quiesce() {
            for (int i = 0; i < 400; i++) {
                tick++;
                List<Job> jobs = jobs();
                jobs.stream().filter(j -> !JobState.of(j).isFinished()).findFirst().ifPresent(this::advance);
                ttlController();
                replicaSetController();
                deploymentController();
                reconcile(replicas[leader]);
                checkPods();
                if (!dirty && jobs().isEmpty() && Decider.decide(new SnapshotLoader(new ClusterReader(client), PLANNER, clock, KEEP_TTL)
                        .load(deployment())).isEmpty()) {
                    return;
                }
            }
            throw new AssertionError("the cluster did not settle in 400 ticks; Jobs: "
                    + jobs().stream().map(j -> j.getMetadata().getName() + " " + JobState.of(j)).toList()
                    + ", steps: " + Decider.decide(new SnapshotLoader(new ClusterReader(client), PLANNER, clock, KEEP_TTL)
                            .load(deployment())));
        }

        void checkFinalState() {
            History history = history();
            truth.forEach((name, outcome) -> assertThat(history.find(name)).as("outcome of %s in the history", name)
                    .hasValueSatisfying(entry -> assertThat(entry.outcome()).isEqualTo(outcome)));
            for (String name : startedNames) {
                assertThat(truth).as("started Job %s finished", name).containsKey(name);
            }
            Deployment deployment = deployment();
            Plan.Planned planned = (Plan.Planned) PLANNER.plan(deployment, Optional.empty());
            Optional<MigrationStatus> record = MigrationStatus.parse(deployment.getMetadata().getAnnotations()
                    .get(Keys.MIGRATION_STATUS));
            assertThat(record).as("the current revision's record").hasValueSatisfying(r -> {
                assertThat(r.jobName()).isEqualTo(planned.jobName());
                assertThat(r.phase().isOutcome()).as("final: %s", r).isTrue();
                Optional<Phase> expected = Optional.ofNullable(truth.get(planned.jobName()))
                        .or(() -> history.find(planned.jobName()).map(History.Entry::outcome))
                        .or(() -> refused.contains(planned.jobName()) ? Optional.of(Phase.Failed) : Optional.empty());
                assertThat(Optional.of(r.phase())).isEqualTo(expected);
            });
            assertThat(jobs()).as("no Job left held by the finalizer").isEmpty();
            if (pre) {
                // Settled means no pod of a migrated revision still waits: judged from the pods themselves, not from what
                // the controller chose to read (it reads them only while the Deployment's status says one may wait).
                Map<String, ReplicaSet> byName = new HashMap<>();
                replicaSets().forEach(rs -> byName.put(rs.getMetadata().getName(), rs));
                for (Pod pod : pods()) {
                    String runs = byName.get(pod.getMetadata().getOwnerReferences().get(0).getName()).getMetadata()
                            .getAnnotations().get(Keys.MIGRATION_JOB);
                    boolean migrated = history.find(runs).map(e -> e.outcome().releasesTraffic()).orElse(false);
                    assertThat(PodGates.isMigrated(pod)).as("pod %s of %s (%s) released", pod.getMetadata().getName(), runs,
                            history.find(runs)).isEqualTo(migrated);
                }
            }
            // Each creation is announced, never a create that did not happen. The Event's count is kept in the
            // recording process's memory (the controller may create and patch Events, not read them), so after a
            // restart a repeat of the same note counts from 2 again: at least one, at most one per creation.
            created.forEach((name, count) -> assertThat(createdEvents(name)).as("MigrationJobCreated/SeedJobCreated"
                    + " Events for %s", name).isBetween(Math.min(1, count), count));
        }

        int createdEvents(String job) {
            String reason = Stage.ofName(job) == Stage.SEED ? Reasons.SEED_JOB_CREATED : Reasons.JOB_CREATED;
            return client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> reason.equals(e.getReason()))
                    .filter(e -> e.getMessage().contains("Job " + job + " ") || e.getMessage().contains("Job " + job + ","))
                    .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
        }

        // ---------------------------------------------------------------- a controller replica

        /** One replica's reconciler, its writes going through {@link Port}. */
        final class Replica {
            final String name;
            final Reconciler reconciler;

            Replica(String name) {
                this.name = name;
                Executor executor = new Executor(new Port(new Fabric8WritePort(client, name)),
                        new MigrationMetrics(new SimpleMeterRegistry()), () -> true);
                this.reconciler = new Reconciler(new SnapshotLoader(new ClusterReader(client), PLANNER, clock, KEEP_TTL), executor,
                        new NamespaceFilter(Set.of(), () -> true, ns -> false), (key, snapshot) -> { });
            }
        }

        /**
         * The real write port, with the world moving between writes, an answer to a create lost now
         * and then, and the API server's delete preconditions (which the mock server ignores) checked.
         */
        final class Port implements WritePort {
            final WritePort real;

            final Set<String> lostAnswer = new HashSet<>();

            Port(WritePort real) {
                this.real = real;
            }

            @Override
            public Created createJob(Job job, String ownerUid) {
                interleave();
                String name = job.getMetadata().getName();
                if (random.nextInt(50) == 0) {
                    if (lostAnswer.contains(name)) {
                        // The creation whose answer was lost is then announced by nobody (a documented limit).
                        created.merge(name, -1, Integer::sum);
                    }
                    // Another admission webhook (or a quota) refuses it for good.
                    refused.add(name);
                    log("create of " + name + " refused (403 from a webhook)");
                    throw new KubernetesClientException(new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403)
                            .withMessage("admission webhook \"images.example.com\" denied the request: unsigned image").build());
                }
                Created answer = real.createJob(job, ownerUid);
                if (answer == Created.CREATED) {
                    if (startedNames.contains(name)) {
                        throw new AssertionError("Job " + name + " created again after a Job of that name had started");
                    }
                    created.merge(name, 1, Integer::sum);
                    log("created " + name);
                    if (random.nextInt(20) == 0) {
                        lostAnswer.add(name);
                        log("(the answer to that create was lost)");
                        throw new KubernetesClientException("timeout", 0, null);
                    }
                }
                return answer;
            }

            @Override
            public void deleteJob(String ns, String name, String uid, String resourceVersion) {
                interleave();
                Job current = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
                if (current == null) {
                    return;
                }
                if (!current.getMetadata().getUid().equals(uid) || !current.getMetadata().getResourceVersion().equals(resourceVersion)) {
                    throw new KubernetesClientException(new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(409)
                            .withMessage("Precondition failed: UID or ResourceVersion in precondition does not match").build());
                }
                // A failed Job kept for inspection is deleted once a newer migration succeeded (or keep-failed ran out).
                if (startedUids.contains(uid) && !dev.hookwright.core.JobConditions.isFailed(current)) {
                    throw new AssertionError("the controller deleted Job " + name + ", which had started");
                }
                real.deleteJob(ns, name, uid, resourceVersion);
                log("controller deleted unstarted " + name);
                markDirty();
            }

            @Override
            public void keepJob(String ns, String name, String uid) {
                interleave();
                real.keepJob(ns, name, uid);
            }

            @Override
            public void releaseJob(String ns, String name, String uid) {
                interleave();
                real.releaseJob(ns, name, uid);
                log("controller released " + name);
            }

            @Override
            public String annotate(Deployment deployment, String key, String value) {
                interleave();
                String version = real.annotate(deployment, key, value);
                log("controller wrote " + key + ": " + (value.length() > 80 ? value.substring(0, 80) + "…" : value));
                return version;
            }

            @Override
            public void markMigrated(Pod pod) {
                interleave();
                real.markMigrated(pod);
                log("controller released pod " + pod.getMetadata().getName());
            }

            @Override
            public void event(Deployment involved, String type, String reason, String note) {
                real.event(involved, type, reason, note);
                log("event " + reason + ": " + note);
            }
        }
    }
}
