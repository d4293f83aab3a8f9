package dev.hookwright.core.rollout;

import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout judgement, state by state, on Deployments and ReplicaSets shaped as the Deployment
 * controller leaves them: revision annotations, copied {@code hookwright.dev/migration-job},
 * {@code revision-history} on a ReplicaSet made current again.
 */
class RolloutJudgeTest {
    private static final String UID = "d-uid";
    private static final String JOB = "shop-migrate-7";
    private static final String OLD_JOB = "shop-migrate-6";
    private static final String NEW_JOB = "shop-migrate-8";

    /** A Deployment in the middle of nothing: observed, revision {@code revision}, recording {@code job}. */
    private static DeploymentBuilder deployment(int replicas, long revision, String job) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("shop-web").withNamespace("shop").withUid(UID).withGeneration(4L)
                    .addToAnnotations(RolloutJudge.REVISION, Long.toString(revision))
                    .addToAnnotations(Keys.MIGRATION_JOB, job)
                .endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(4L)
                    .withReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .addToConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True").build())
                    .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                            .withReason("NewReplicaSetAvailable").build())
                .endStatus();
    }

    private static ReplicaSetBuilder rs(String hash, long revision, String job, int pods, String created) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName("shop-web-" + hash).withNamespace("shop")
                    .withCreationTimestamp(created)
                    .addToLabels("pod-template-hash", hash)
                    .addToAnnotations(RolloutJudge.REVISION, Long.toString(revision))
                    .addToAnnotations(Keys.MIGRATION_JOB, job)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("shop-web")
                        .withUid(UID).withController(true).endOwnerReference()
                .endMetadata()
                .withNewStatus().withReplicas(pods).endStatus();
    }

    private static ReplicaSet old(int pods) {
        return rs("aaa", 1, OLD_JOB, pods, "2026-12-01T10:00:00Z").build();
    }

    private static ReplicaSet ours(int pods) {
        return rs("bbb", 2, JOB, pods, "2026-12-02T10:00:00Z").build();
    }

    private static RolloutState judge(Deployment deployment, ReplicaSet... replicaSets) {
        return RolloutJudge.judge(deployment, List.of(replicaSets), JOB);
    }

    @Test
    void isCompleteWhenEveryReplicaIsUpdatedAndAvailableAndNoOldPodIsLeft() {
        assertThat(judge(deployment(3, 2, JOB).build(), old(0), ours(3))).isEqualTo(new RolloutState.Complete());
    }

    @Test
    void isProgressingUntilTheDeploymentControllerHasObservedTheGeneration() {
        Deployment unobserved = deployment(3, 2, JOB).editStatus().withObservedGeneration(3L).endStatus().build();
        Deployment noStatus = deployment(3, 2, JOB).withStatus(null).build();
        Deployment noObserved = deployment(3, 2, JOB).editStatus().withObservedGeneration(null).endStatus().build();
        for (Deployment deployment : List.of(unobserved, noStatus, noObserved)) {
            assertThat(judge(deployment, old(0), ours(3)))
                    .isInstanceOf(RolloutState.Progressing.class)
                    .extracting(RolloutState::describe).asString().contains("not observed generation 4");
        }
    }

    @Test
    void isProgressingWhileReplicasAreBeingUpdated() {
        Deployment rolling = deployment(3, 2, JOB).editStatus().withReplicas(4).withUpdatedReplicas(1)
                .withAvailableReplicas(3).endStatus().build();
        assertThat(judge(rolling, old(3), ours(1))).isEqualTo(new RolloutState.Progressing("1 of 3 replicas updated"));
    }

    @Test
    void isProgressingWhileASurgedOldPodIsStillCounted() {
        Deployment surging = deployment(3, 2, JOB).editStatus().withReplicas(4).endStatus().build();
        assertThat(judge(surging, old(1), ours(3)))
                .isEqualTo(new RolloutState.Progressing("1 old replicas pending termination"));
    }

    @Test
    void isProgressingWhileAnOldPodIsStillTerminating() {
        // The Deployment's numbers are final, but an old pod still serves its in-flight requests.
        ReplicaSet terminating = rs("aaa", 1, OLD_JOB, 0, "2026-12-01T10:00:00Z")
                .editStatus().withTerminatingReplicas(1).endStatus().build();
        assertThat(judge(deployment(3, 2, JOB).build(), terminating, ours(3)))
                .isEqualTo(new RolloutState.Progressing("1 pods of older ReplicaSets still to end"));
    }

    @Test
    void isProgressingWhileTheOldReplicaSetStillReportsPodsTheDeploymentNoLongerCounts() {
        assertThat(judge(deployment(3, 2, JOB).build(), old(1), ours(3)))
                .isEqualTo(new RolloutState.Progressing("1 pods of older ReplicaSets still to end"));
    }

    @Test
    void isProgressingWhileUpdatedReplicasAreNotYetAvailable() {
        Deployment unavailable = deployment(3, 2, JOB).editStatus().withAvailableReplicas(2).endStatus().build();
        assertThat(judge(unavailable, old(0), ours(3)))
                .isEqualTo(new RolloutState.Progressing("2 of 3 updated replicas available"));
    }

    @Test
    void isProgressingWhileScalingDownToTheWantedCount() {
        Deployment scalingDown = deployment(3, 2, JOB).editStatus().withReplicas(4).withUpdatedReplicas(4)
                .withAvailableReplicas(4).endStatus().build();
        assertThat(judge(scalingDown, old(0), ours(4)))
                .isEqualTo(new RolloutState.Progressing("4 replicas while 3 are wanted"));
    }

    @Test
    void aPausedRolloutWaitsAndSaysSo() {
        Deployment paused = deployment(3, 2, JOB).editSpec().withPaused(true).endSpec()
                .editStatus().withReplicas(4).withUpdatedReplicas(1).endStatus().build();
        assertThat(judge(paused, old(3), ours(1))).isEqualTo(new RolloutState.Progressing("paused; 1 of 3 replicas updated"));
    }

    @Test
    void aDeploymentPausedAfterItsRolloutCompletedIsComplete() {
        Deployment paused = deployment(3, 2, JOB).editSpec().withPaused(true).endSpec().build();
        assertThat(judge(paused, old(0), ours(3))).isEqualTo(new RolloutState.Complete());
    }

    @Test
    void aPausedDeploymentWhoseNewTemplateHasNoReplicaSetYetWaits() {
        // Paused, the Deployment controller makes no ReplicaSet for the new template: the old one stays current.
        Deployment paused = deployment(3, 1, JOB).editSpec().withPaused(true).endSpec().build();
        assertThat(judge(paused, old(3))).isEqualTo(new RolloutState.Progressing(
                "no ReplicaSet carries hookwright.dev/migration-job: shop-migrate-7 yet"));
    }

    @Test
    void failsWhenTheProgressDeadlineIsExceeded() {
        Deployment failed = deployment(3, 2, JOB).editStatus().withUpdatedReplicas(1).withConditions(
                new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"shop-web-bbb\" has timed out progressing.")
                        .withLastUpdateTime("2026-12-02T10:10:00Z").withLastTransitionTime("2026-12-02T10:10:00Z").build())
                .endStatus().build();
        assertThat(judge(failed, old(3), ours(1))).isEqualTo(new RolloutState.Failed(
                "ReplicaSet \"shop-web-bbb\" has timed out progressing.",
                Optional.of(java.time.Instant.parse("2026-12-02T10:10:00Z"))));
    }

    @Test
    void aProgressingConditionThatIsFalseForAnotherReasonIsNoFailure() {
        Deployment other = deployment(3, 2, JOB).editStatus().withConditions(
                new DeploymentConditionBuilder().withType("Progressing").withStatus("Unknown")
                        .withReason("DeploymentPaused").build()).endStatus().build();
        assertThat(judge(other, old(0), ours(3))).isEqualTo(new RolloutState.Complete());
    }

    @Test
    void isSupersededWhenANewerReplicaSetOfAnotherJobIsCurrent() {
        ReplicaSet newer = rs("ccc", 3, NEW_JOB, 1, "2026-12-03T10:00:00Z").build();
        assertThat(judge(deployment(3, 3, NEW_JOB).build(), old(0), ours(2), newer))
                .isEqualTo(new RolloutState.Superseded(Optional.of("shop-web-bbb"), "shop-web-ccc"));
    }

    @Test
    void isSupersededWhenTheDeploymentMovedOnBeforeAnyReplicaSetCarriedTheJob() {
        ReplicaSet newer = rs("ccc", 2, NEW_JOB, 3, "2026-12-03T10:00:00Z").build();
        assertThat(judge(deployment(3, 2, NEW_JOB).build(), old(0), newer))
                .isEqualTo(new RolloutState.Superseded(Optional.empty(), "shop-web-ccc"));
    }

    @Test
    void isRolledBackWhenAReplicaSetThatWasCurrentBeforeIsCurrentAgain() {
        // kubectl rollout undo: the old ReplicaSet gets revision 3 and remembers revision 1.
        ReplicaSet undone = rs("aaa", 3, OLD_JOB, 3, "2026-12-01T10:00:00Z")
                .editMetadata().addToAnnotations(RolloutJudge.REVISION_HISTORY, "1").endMetadata().build();
        assertThat(judge(deployment(3, 3, OLD_JOB).build(), undone, ours(0)))
                .isEqualTo(new RolloutState.RolledBack("shop-web-bbb", "shop-web-aaa"));
    }

    @Test
    void isRolledBackByCreationTimeWhenTheRevisionHistoryIsGone() {
        // helm rollback re-applies the old template with a new hookwright revision: the old ReplicaSet gets the new Job.
        ReplicaSet reused = rs("aaa", 3, NEW_JOB, 3, "2026-12-01T10:00:00Z").build();
        assertThat(judge(deployment(3, 3, NEW_JOB).build(), reused, ours(1)))
                .isEqualTo(new RolloutState.RolledBack("shop-web-bbb", "shop-web-aaa"));
    }

    @Test
    void waitsWhileTheDeploymentNamesTheJobButItsReplicaSetHasNotCopiedItYet() {
        // An annotation-only change (a rerun token) keeps the pod template, so the same ReplicaSet gets the new name.
        assertThat(judge(deployment(3, 2, JOB).build(), rs("bbb", 2, OLD_JOB, 3, "2026-12-02T10:00:00Z").build()))
                .isInstanceOf(RolloutState.Progressing.class);
        assertThat(judge(deployment(3, 2, JOB).build(), rs("bbb", 2, JOB, 3, "2026-12-02T10:00:00Z").build()))
                .isEqualTo(new RolloutState.Complete());
    }

    @Test
    void waitsWhileTheCurrentReplicaSetIsNotSeenYet() {
        assertThat(judge(deployment(3, 3, JOB).build(), old(0), ours(3)))
                .isEqualTo(new RolloutState.Progressing("the ReplicaSet of revision 3 is not seen yet"));
        Deployment noRevision = deployment(3, 2, JOB).editMetadata().removeFromAnnotations(RolloutJudge.REVISION)
                .endMetadata().build();
        assertThat(judge(noRevision, old(0), ours(3))).isInstanceOf(RolloutState.Progressing.class);
    }

    @Test
    void aTemplateChangeThatKeepsTheJobIsTheSameRevisionsRollout() {
        // An env change makes a new ReplicaSet but the same migration Job: it is still this Job's rollout.
        ReplicaSet envChange = rs("ccc", 3, JOB, 3, "2026-12-03T10:00:00Z").build();
        assertThat(judge(deployment(3, 3, JOB).build(), old(0), ours(0), envChange)).isEqualTo(new RolloutState.Complete());
        assertThat(judge(deployment(3, 3, JOB).build(), old(0), ours(1), envChange))
                .isEqualTo(new RolloutState.Progressing("1 pods of older ReplicaSets still to end"));
    }

    @Test
    void isScaledToZeroWhenNoReplicaIsWantedAndNoOldPodIsLeft() {
        Deployment zero = deployment(0, 2, JOB).build();
        assertThat(judge(zero, old(0), ours(0))).isEqualTo(new RolloutState.ScaledToZero());
        assertThat(judge(zero, old(2), ours(0)))
                .isEqualTo(new RolloutState.Progressing("2 old pods still to end (scaled to zero)"));
        assertThat(new RolloutState.ScaledToZero().isComplete()).isTrue();
    }

    @Test
    void ignoresReplicaSetsOfOtherDeployments() {
        ReplicaSet foreign = rs("zzz", 2, JOB, 5, "2026-12-02T10:00:00Z").editMetadata().editFirstOwnerReference()
                .withUid("other-uid").endOwnerReference().endMetadata().build();
        ReplicaSet orphan = rs("yyy", 1, OLD_JOB, 5, "2026-12-02T10:00:00Z").editMetadata().withOwnerReferences()
                .endMetadata().build();
        assertThat(judge(deployment(3, 2, JOB).build(), foreign, orphan, old(0), ours(3)))
                .isEqualTo(new RolloutState.Complete());
    }

    @Test
    void eachStateSaysWhetherThePostDeployPhaseMayFollow() {
        List<RolloutState> complete = List.of(new RolloutState.Complete(), new RolloutState.ScaledToZero());
        List<RolloutState> ended = List.of(new RolloutState.Failed("x", Optional.empty()),
                new RolloutState.Superseded(Optional.empty(), "rs"), new RolloutState.RolledBack("a", "b"));
        List<RolloutState> all = new ArrayList<>(complete);
        all.addAll(ended);
        all.add(new RolloutState.Progressing("x"));
        for (RolloutState state : all) {
            assertThat(state.isComplete()).as("%s complete", state).isEqualTo(complete.contains(state));
            assertThat(state.endedWithoutCompleting()).as("%s ended", state).isEqualTo(ended.contains(state));
        }
    }
}
