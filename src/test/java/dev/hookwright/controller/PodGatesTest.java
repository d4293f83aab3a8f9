package dev.hookwright.controller;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a pod may wait at the gate, from the Deployment's status: anything not plainly settled counts as "may". */
class PodGatesTest {

    private static Deployment deployment(UnaryOperator<DeploymentStatusBuilder> status) {
        return new DeploymentBuilder().withNewMetadata().withName("shop-web").withGeneration(4L).endMetadata()
                .withNewSpec().withReplicas(3).endSpec()
                .withStatus(status.apply(new DeploymentStatusBuilder().withObservedGeneration(4L).withReplicas(3)
                        .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3)).build())
                .build();
    }

    @Test
    void aSettledRolloutHasNoPodWaiting() {
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s))).isFalse();
    }

    @Test
    void aPodNotReadyNotUpdatedOrNotYetCountedMayWait() {
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withReadyReplicas(2)))).as("one not ready").isTrue();
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withReplicas(4)))).as("a surge pod").isTrue();
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withUpdatedReplicas(1)))).as("rolling").isTrue();
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withUnavailableReplicas(1)))).as("unavailable").isTrue();
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withObservedGeneration(3L)))).as("spec not observed yet")
                .isTrue();
    }

    @Test
    void anAbsentStatusOrCountMayHideAWaitingPod() {
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withReadyReplicas(null)))).isTrue();
        assertThat(PodGates.mayHaveWaitingPods(deployment(s -> s.withObservedGeneration(null)))).isTrue();
        assertThat(PodGates.mayHaveWaitingPods(new DeploymentBuilder(deployment(s -> s)).withStatus(null).build())).isTrue();
        assertThat(PodGates.mayHaveWaitingPods(new DeploymentBuilder(deployment(s -> s)).editMetadata().withGeneration(null)
                .endMetadata().build())).isTrue();
    }
}
