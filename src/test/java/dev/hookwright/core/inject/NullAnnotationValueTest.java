package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by fuzzing (AdmissionReviewFuzzTest): {@code "hookwright.dev/command": null} once made
 * /mutate answer 500 (NoSuchElementException). A null annotation is an absent one: without a
 * default command that is the usual "write the migration command" denial.
 */
class NullAnnotationValueTest {
    private static final InjectionDecider DECIDER = new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED));

    @Test
    void aNullCommandAnnotationIsAMissingCommand() {
        ObjectNode deployment = (ObjectNode) Fixtures.read("mutate/reference-chart.yaml")
                .at("/review/request/object").deepCopy();
        ((ObjectNode) deployment.at("/metadata/annotations")).putNull(Keys.COMMAND);

        Decision decision = DECIDER.decide(deployment, Optional.empty(), Optional.empty());

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.plan()).isInstanceOf(Plan.Invalid.class);
        assertThat(decision.denial().orElseThrow()).contains(Keys.COMMAND);
    }
}
