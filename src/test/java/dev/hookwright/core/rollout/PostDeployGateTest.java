package dev.hookwright.core.rollout;

import dev.hookwright.core.rollout.FirstPhase.Outcome;
import dev.hookwright.core.rollout.PostDeployGate.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** "May the post-deploy Job of this revision start?": every first-phase outcome against every rollout state. */
class PostDeployGateTest {
    private static final String POST = "shop-postdeploy-7";
    private static final String JOB = "shop-migrate-7";
    private static final Instant ENDED = Instant.parse("2026-12-02T10:05:00Z");
    private static final FirstPhase SUCCEEDED = new FirstPhase(Outcome.SUCCEEDED, Optional.of(ENDED));
    private static final FirstPhase SKIPPED = new FirstPhase(Outcome.SKIPPED, Optional.empty());
    private static final FirstPhase FAILED = new FirstPhase(Outcome.FAILED, Optional.of(ENDED));
    private static final FirstPhase RUNNING = FirstPhase.notFinished();

    private static final RolloutState COMPLETE = new RolloutState.Complete();
    private static final RolloutState ZERO = new RolloutState.ScaledToZero();
    private static final RolloutState PROGRESSING = new RolloutState.Progressing("1 of 3 replicas updated");
    private static final RolloutState FAILED_LATER = new RolloutState.Failed("timed out",
            Optional.of(ENDED.plusSeconds(600)));
    private static final RolloutState SUPERSEDED = new RolloutState.Superseded(Optional.of("shop-web-bbb"), "shop-web-ccc");
    private static final RolloutState ROLLED_BACK = new RolloutState.RolledBack("shop-web-bbb", "shop-web-aaa");

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(SUCCEEDED, COMPLETE, "Start"),
                Arguments.of(SKIPPED, COMPLETE, "Start"),
                Arguments.of(SUCCEEDED, ZERO, "Start"),
                Arguments.of(SUCCEEDED, PROGRESSING, "Wait"),
                Arguments.of(RUNNING, COMPLETE, "Wait"),
                Arguments.of(RUNNING, PROGRESSING, "Wait"),
                Arguments.of(RUNNING, SUPERSEDED, "Wait"),
                Arguments.of(FAILED, COMPLETE, "Never"),
                Arguments.of(FAILED, PROGRESSING, "Never"),
                Arguments.of(SUCCEEDED, FAILED_LATER, "Never"),
                Arguments.of(SKIPPED, FAILED_LATER, "Never"),
                Arguments.of(SUCCEEDED, SUPERSEDED, "Never"),
                Arguments.of(SUCCEEDED, ROLLED_BACK, "Never"));
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @MethodSource("table")
    void decides(FirstPhase firstPhase, RolloutState rollout, String verdict) {
        Verdict decided = PostDeployGate.decide(POST, JOB, firstPhase, rollout);
        assertThat(decided.getClass().getSimpleName()).isEqualTo(verdict);
        if (decided instanceof Verdict.Never never) {
            assertThat(never.reason()).isEqualTo("PostDeploySkipped");
            assertThat(never.message()).startsWith("post-deploy Job shop-postdeploy-7 will not run for this revision: ");
        }
    }

    @Test
    void saysWhyItWillNeverRun() {
        assertThat(PostDeployGate.decide(POST, JOB, SUCCEEDED, SUPERSEDED)).isEqualTo(new Verdict.Never(
                PostDeployEvents.SKIPPED, "post-deploy Job shop-postdeploy-7 will not run for this revision: rollout "
                        + "superseded: the current ReplicaSet shop-web-ccc belongs to a newer revision; run it by hand, "
                        + "or the next revision's post-deploy Job catches up"));
        assertThat(((Verdict.Never) PostDeployGate.decide(POST, JOB, FAILED, COMPLETE)).message())
                .contains("migration shop-migrate-7 failed");
        assertThat(((Verdict.Never) PostDeployGate.decide(POST, JOB, SUCCEEDED, FAILED_LATER)).message())
                .contains("rollout failed (ProgressDeadlineExceeded): timed out");
        assertThat(((Verdict.Never) PostDeployGate.decide(POST, JOB, SUCCEEDED, ROLLED_BACK)).message())
                .contains("rolled back: the current ReplicaSet shop-web-aaa is older than shop-web-bbb");
    }

    @Test
    void aDeadlinePassedWhileThePreMigrationHeldThePodsIsNotHeldAgainstTheRollout() {
        RolloutState failedWhileMigrating = new RolloutState.Failed("timed out", Optional.of(ENDED.minusSeconds(60)));
        assertThat(PostDeployGate.decide(POST, JOB, SUCCEEDED, failedWhileMigrating)).isInstanceOf(Verdict.Wait.class);
        // Without the migration's end time there is nothing to excuse it with.
        assertThat(PostDeployGate.decide(POST, JOB, new FirstPhase(Outcome.SUCCEEDED, Optional.empty()),
                failedWhileMigrating)).isInstanceOf(Verdict.Never.class);
    }
}
