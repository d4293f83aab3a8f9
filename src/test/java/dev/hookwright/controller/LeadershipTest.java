package dev.hookwright.controller;

import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.kube.ClusterReader;
import dev.hookwright.kube.Fabric8WritePort;
import dev.hookwright.kube.LeaseElection;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Eventually;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several replicas: one leads at a time, and even without the lease the API keeps them from doing a thing twice. */
@QuarkusTest
@TestProfile(ControllerOn.class)
@WithKubernetesTestServer(crud = true)
class LeadershipTest {
    private static final Duration LEASE = Duration.ofSeconds(2);

    @Inject
    KubernetesClient client;

    @Inject
    MigrationPlanner planner;

    @Inject
    MeterRegistry registry;

    private LeaseElection replica(String lease, String identity) {
        return new LeaseElection(client, new LeaseElection.Settings(ControllerOn.OWN_NAMESPACE, lease, identity, LEASE,
                Duration.ofMillis(1500), Duration.ofMillis(200)), new LeaseElection.Callbacks(() -> { }, () -> { }, id -> { }));
    }

    @Test
    void twoReplicasSharingOneLeaseNeverLeadAtOnceAndTheStandbyTakesOver() {
        try (LeaseElection a = replica("shared-lease", "replica-a"); LeaseElection b = replica("shared-lease", "replica-b")) {
            a.start();
            b.start();
            Eventually.until("one replica leads", () -> a.isLeading() || b.isLeading());
            Eventually.holdsFor("exactly one replica leads", Duration.ofSeconds(2), () -> a.isLeading() ^ b.isLeading());

            LeaseElection leader = a.isLeading() ? a : b;
            LeaseElection standby = leader == a ? b : a;
            leader.stop();
            assertThat(leader.isLeading()).isFalse();
            Eventually.until(standby.identity() + " takes over", standby::isLeading);
        }
    }

    @Test
    void aLeaderThatLosesItsLeaseStopsAtOnceAndRejoinsTheElection() {
        try (LeaseElection a = replica("contested-lease", "replica-a")) {
            a.start();
            Eventually.until("replica-a leads", a::isLeading);

            Eventually.until("the intruder took the Lease", () -> {
                try {
                    client.leases().inNamespace(ControllerOn.OWN_NAMESPACE).withName("contested-lease").edit(lease -> {
                        lease.getSpec().setHolderIdentity("intruder");
                        lease.getSpec().setRenewTime(ZonedDateTime.now());
                        lease.getSpec().setLeaseDurationSeconds(2);
                        return lease;
                    });
                    return true;
                } catch (KubernetesClientException e) {
                    // replica-a renewed in between (409): take it again.
                    return false;
                }
            });

            Eventually.until("replica-a stops leading", () -> !a.isLeading());
            Eventually.until("replica-a leads again once the intruder's lease expired", a::isLeading);
        }
    }

    /** The full reconcile path with real API calls, as a replica that believes it leads would run it. */
    private Reconciler reconciler(String identity) {
        Executor executor = new Executor(new Fabric8WritePort(client, identity), new MigrationMetrics(new SimpleMeterRegistry()),
                () -> true);
        return new Reconciler(new SnapshotLoader(new ClusterReader(client), planner, Clock.systemUTC(), Snapshot.DEFAULT_KEEP_FAILED), executor,
                new NamespaceFilter(Set.of(), () -> true, namespace -> false), (key, snapshot) -> { });
    }

    @Test
    void twoReplicasReconcilingTheSameDeploymentAtOnceCreateOneJobAndReportItOnce() throws Exception {
        Cluster cluster = new Cluster(client, registry);
        Deployment stored = cluster.store(Deployments.optedIn(ControllerOn.UNWATCHED, "race-web", "shop:1").build());
        String job = ((Plan.Planned) planner.plan(stored, Optional.empty())).jobName();
        List<Reconciler> replicas = List.of(reconciler("replica-a"), reconciler("replica-b"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Reconciler replica : replicas) {
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 5; i++) {
                        try {
                            replica.reconcile(new DeploymentKey(ControllerOn.UNWATCHED, "race-web"));
                        } catch (RuntimeException e) {
                            // A status write on a stale read is refused (409); the next round reads again.
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(cluster.jobs(ControllerOn.UNWATCHED)).extracting(j -> j.getMetadata().getName()).containsExactly(job);
        assertThat(cluster.events(stored, Reasons.JOB_CREATED)).singleElement()
                .satisfies(event -> assertThat(event.getCount()).isEqualTo(1));
        assertThat(cluster.status(stored)).contains(job + " Pending");
    }
}
