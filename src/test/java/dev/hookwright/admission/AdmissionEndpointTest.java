package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.UnreadableObjectException;
import dev.hookwright.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint alone turns a handler's result or failure into the wire form: the handler here is
 * a lambda, so each translation is seen on its own. Over HTTPS the same answers are pinned by
 * MutateProtocolTest and WrongJsonTypesTest.
 */
class AdmissionEndpointTest {
    private static final String UID = "7f0e5a4c-0001-4d6e-9a51-reference";
    private static final byte[] REVIEW = Fixtures.read("mutate/reference-chart.yaml").get("review").toString()
            .getBytes(StandardCharsets.UTF_8);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private JsonNode answer(AdmissionHandler handler) {
        AdmissionEndpoint.Answer answer = new AdmissionEndpoint("test", handler, metrics).answer(REVIEW);
        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.body().at("/response/uid").asText()).isEqualTo(UID);
        return answer.body().get("response");
    }

    private static JsonNode json(String text) {
        try {
            return dev.hookwright.core.Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private double counted(String decision) {
        var counter = metrics.find("hookwright.admission.decisions").tag("decision", decision).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersAnObjectItCannotReadWith400KeepingTheUid() {
        JsonNode response = answer(request -> {
            throw new UnreadableObjectException("not a readable apps/v1 Deployment: replicas", null);
        });
        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(400);
        assertThat(response.at("/status/message").asText()).isEqualTo("hookwright: not a readable apps/v1 Deployment: replicas");
        assertThat(counted("errored")).isEqualTo(1);
    }

    @Test
    void answersAnIllegalArgumentFromABugWith500KeepingTheUidAndHidingTheCause() {
        JsonNode response = answer(request -> {
            throw new IllegalArgumentException("index 3 out of bounds");
        });
        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(500);
        assertThat(response.at("/status/message").asText())
                .startsWith("hookwright: internal error on Deployment shop/shop-web")
                .contains(UID)
                .doesNotContain("index 3");
        assertThat(counted("errored")).isEqualTo(1);
    }

    @Test
    void countsEachKindOfResultByItsTypeNotByItsStatusCode() {
        answer(request -> AdmissionResult.denied("no", List.of("w")));
        answer(request -> AdmissionResult.errored(403, "an errored answer that happens to carry 403"));
        answer(request -> AdmissionResult.allowed());
        answer(request -> AdmissionResult.patched(json("[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]"), List.of()));
        answer(request -> AdmissionResult.patched(json("[]"), List.of()));
        assertThat(counted("denied")).isEqualTo(1);
        assertThat(counted("errored")).isEqualTo(1);
        assertThat(counted("patched")).isEqualTo(1);
        assertThat(counted("allowed")).isEqualTo(2);
    }

    @Test
    void writesADenialWith403ItsWarningsAndAuditAnnotations() {
        JsonNode response = answer(request -> AdmissionResult.denied("hookwright: no", List.of("careful"))
                .withAuditAnnotations(java.util.Map.of("policy-findings", "deadline")));
        assertThat(response.get("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(403);
        assertThat(response.at("/status/message").asText()).isEqualTo("hookwright: no");
        assertThat(response.at("/warnings/0").asText()).isEqualTo("careful");
        assertThat(response.at("/auditAnnotations/policy-findings").asText()).isEqualTo("deadline");
        assertThat(response.has("patchType")).isFalse();
    }

    @Test
    void writesNoPatchTypeForAPatchThatChangesNothing() {
        JsonNode response = answer(request -> AdmissionResult.patched(json("[]"), List.of()));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("patchType") || response.has("patch") || response.has("status")).isFalse();
    }
}
