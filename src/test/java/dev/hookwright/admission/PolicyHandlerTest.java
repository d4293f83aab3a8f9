package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler without HTTP: what each mode makes of the same findings. */
class PolicyHandlerTest {
    private final List<Finding> counted = new ArrayList<>();

    private ObjectNode answer(PolicyMode mode, String fixture) {
        JsonNode review = Fixtures.read("validate/" + fixture + ".yaml").get("review");
        PolicyHandler handler = new PolicyHandler(new HookPolicy(PolicySettings.SHIPPED), mode, counted::add);
        AdmissionRequest request = AdmissionReviewReader.read(review);
        return (ObjectNode) AdmissionResponses.review(request.uid(), handler.handle(request)).get("response");
    }

    @Test
    void deniesUnderEnforceWithEveryErrorInTheMessage() {
        JsonNode response = answer(PolicyMode.ENFORCE, "chart-temporal-schema");
        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(403);
        assertThat(response.at("/status/message").asText())
                .startsWith("hookwright policy: hook Job temporal-schema-1 has 2 errors: deadline: ")
                .contains("; backoff: spec.backoffLimit is 100");
        assertThat(response.get("warnings")).hasSize(1);
        assertThat(response.at("/warnings/0").asText()).startsWith("restart-policy: ");
    }

    @Test
    void allowsUnderWarnAndReturnsEveryFindingAsAWarning() {
        JsonNode response = answer(PolicyMode.WARN, "chart-temporal-schema");
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.get("warnings")).extracting(JsonNode::asText)
                .satisfiesExactly(w -> assertThat(w).startsWith("deadline: "), w -> assertThat(w).startsWith("backoff: "),
                        w -> assertThat(w).startsWith("restart-policy: "));
        assertThat(response.at("/auditAnnotations/policy-findings").asText()).isEqualTo("deadline,backoff,restart-policy");
    }

    @Test
    void reportsEveryFindingForMetricsInEnforceAndWarn() {
        answer(PolicyMode.ENFORCE, "chart-temporal-schema");
        answer(PolicyMode.WARN, "chart-temporal-schema");
        assertThat(counted).extracting(Finding::rule).containsExactly("deadline", "backoff", "restart-policy",
                "deadline", "backoff", "restart-policy");
    }

    @Test
    void runsNoRuleUnderOff() {
        JsonNode response = answer(PolicyMode.OFF, "chart-temporal-schema");
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings") || response.has("auditAnnotations")).isFalse();
        assertThat(counted).isEmpty();
    }

    @Test
    void letsAnObjectBeingDeletedThroughUntouched() {
        JsonNode response = answer(PolicyMode.ENFORCE, "deleting-object-is-allowed");
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
        assertThat(counted).isEmpty();
    }

    @Test
    void readsAnUpdatesOldObjectToTellOldFindingsFromNewOnes() {
        JsonNode response = answer(PolicyMode.ENFORCE, "update-introduces-a-finding");
        assertThat(response.at("/status/message").asText()).contains("has 1 error: hook-weight: ")
                .doesNotContain("deadline");
        assertThat(response.at("/warnings/0").asText()).startsWith("deadline: ");
    }
}
