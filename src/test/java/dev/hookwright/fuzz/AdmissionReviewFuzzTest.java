package dev.hookwright.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.admission.AdmissionRequest;
import dev.hookwright.admission.AdmissionReviewReader;
import dev.hookwright.admission.BadReviewException;
import dev.hookwright.admission.InjectionHandler;
import dev.hookwright.core.Json;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AdmissionReview decoding and the {@code /mutate} handler on any input: the reader either
 * refuses with a {@link BadReviewException} (answered 400) or the endpoint answers a complete
 * review echoing the uid. The endpoint's last-resort 500 is a bug here, since it means some
 * other exception escaped the reader or the handler.
 * Seeds: src/test/resources/dev/hookwright/fuzz/AdmissionReviewFuzzTestInputs/.
 */
class AdmissionReviewFuzzTest {
    private static final AdmissionEndpoint MUTATE = new AdmissionEndpoint("mutate",
            new InjectionHandler(new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED))),
            new SimpleMeterRegistry());
    private static final ObjectNode REFERENCE = (ObjectNode) Fixtures.read("mutate/reference-chart.yaml").get("review");

    /** Raw bytes, as anything on the network could send them. */
    @FuzzTest(maxDuration = "90s")
    void anyBody(byte[] body) throws Exception {
        AdmissionRequest request;
        try {
            request = AdmissionReviewReader.read(body);
        } catch (BadReviewException e) {
            AdmissionEndpoint.Answer answer = MUTATE.answer(body);
            assertThat(answer.httpStatus()).isEqualTo(400);
            assertThat(answer.body().path("message").asText()).isNotEmpty();
            return;
        }
        assertCompleteReview(MUTATE.answer(body), request.uid());
    }

    /**
     * A well-formed review of the reference Deployment with one to four of its fields replaced by
     * a value of any JSON type, or removed: what gets past the reader into Deployment binding,
     * planning and patching.
     */
    @FuzzTest(maxDuration = "90s")
    void reviewWithDamagedDeployment(FuzzedDataProvider data) throws Exception {
        ObjectNode review = REFERENCE.deepCopy();
        int changes = data.consumeInt(1, 4);
        for (int i = 0; i < changes; i++) {
            JsonTrees.damage(review.withObjectProperty("request").withObjectProperty("object"), data);
        }
        byte[] body = Json.mapper().writeValueAsBytes(review);
        AdmissionRequest request;
        try {
            request = AdmissionReviewReader.read(body);
        } catch (BadReviewException e) {
            return;
        }
        assertCompleteReview(MUTATE.answer(body), request.uid());
    }

    private static void assertCompleteReview(AdmissionEndpoint.Answer answer, String uid) throws Exception {
        assertThat(answer.httpStatus()).isEqualTo(200);
        JsonNode review = answer.body();
        assertThat(review.path("apiVersion").asText()).isEqualTo(AdmissionReviewReader.API_VERSION);
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        JsonNode response = review.path("response");
        assertThat(response.path("uid").asText()).isEqualTo(uid);
        assertThat(response.path("allowed").isBoolean()).isTrue();
        assertThat(response.path("status").path("code").asInt())
                .as("an exception escaped: %s", response.path("status").path("message").asText())
                .isNotEqualTo(500);
        if (response.has("patch")) {
            assertThat(Json.mapper().readTree(decode(response.path("patch").asText())).isArray()).isTrue();
        }
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
