package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by fuzzing (AdmissionReviewFuzzTest): a mutating webhook sees the object before the API
 * server validates it, so a list may hold a {@code null}. Such a Deployment once made /mutate
 * answer 500 (a NullPointerException while building the Job); it must get a decision instead.
 */
class NullListElementsTest {
    private static final InjectionDecider DECIDER = new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED));

    @ParameterizedTest
    @ValueSource(strings = {"/spec/template/spec/containers/0/envFrom", "/spec/template/spec/containers/0/env",
            "/spec/template/spec/containers/0/volumeMounts", "/spec/template/spec/volumes",
            "/spec/template/spec/containers"})
    void aNullElementInAListGetsADecision(String list) {
        ObjectNode deployment = (ObjectNode) Fixtures.read("mutate/mounts-and-volumes.yaml")
                .at("/review/request/object").deepCopy();
        ((ObjectNode) deployment.at(list.substring(0, list.lastIndexOf('/'))))
                .withArrayProperty(list.substring(list.lastIndexOf('/') + 1)).insertNull(0);

        Decision decision = DECIDER.decide(deployment, Optional.empty(), Optional.empty());

        assertThat(decision.plan()).isNotNull();
    }
}
