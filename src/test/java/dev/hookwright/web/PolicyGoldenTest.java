package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.admission.PolicyWarnings;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden fixture of {@code src/test/resources/validate/}: an AdmissionReview posted over
 * HTTPS to the fixture's path, and the answer compared with the fixture's {@code expect}.
 */
@QuarkusTest
class PolicyGoldenTest {

    static Stream<Arguments> fixtures() {
        return Fixtures.names("validate", ".yaml").stream()
                .map(name -> Arguments.of(name, Fixtures.read("validate/" + name + ".yaml").get("description").asText()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fixtures")
    void answersAsTheFixtureExpects(String name, String description) throws IOException {
        JsonNode fixture = Fixtures.read("validate/" + name + ".yaml");
        JsonNode expect = fixture.get("expect");
        byte[] answer = Https.given().contentType("application/json").body(fixture.get("review").toString())
                .post(fixture.get("path").asText() + "?timeout=10s")
                .then().statusCode(200).extract().asByteArray();
        JsonNode response = Json.mapper().readTree(answer).get("response");

        assertThat(response.get("uid").asText()).isEqualTo(fixture.at("/review/request/uid").asText());
        assertThat(response.get("allowed").asBoolean()).as("allowed").isEqualTo(expect.get("allowed").asBoolean());
        assertThat(response.has("patch") || response.has("patchType")).as("a validating webhook never patches").isFalse();
        if (expect.has("code")) {
            assertThat(response.at("/status/code").asInt()).isEqualTo(expect.get("code").asInt());
        } else {
            assertThat(response.has("status")).as("an allow carries no status").isFalse();
        }
        String message = response.at("/status/message").asText("");
        expect.path("message").forEach(part -> assertThat(message).contains(part.asText()));

        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(warning -> warnings.add(warning.asText()));
        List<String> expectedRules = new ArrayList<>();
        expect.path("warnings").forEach(rule -> expectedRules.add(rule.asText()));
        assertThat(warnings).as("warnings, by the rule id each begins with").hasSize(expectedRules.size());
        for (int i = 0; i < warnings.size(); i++) {
            assertThat(warnings.get(i)).startsWith(expectedRules.get(i) + ": ");
            assertThat(warnings.get(i).length()).isLessThanOrEqualTo(PolicyWarnings.MAX_LINE);
        }
        assertThat(warnings.stream().mapToInt(String::length).sum()).as("all warnings together")
                .isLessThanOrEqualTo(PolicyWarnings.MAX_TOTAL);
        expect.path("warningTexts").forEach(text -> assertThat(warnings).anySatisfy(w -> assertThat(w).contains(text.asText())));

        JsonNode findings = expect.get("findings");
        if (findings == null || findings.isNull()) {
            assertThat(response.has("auditAnnotations")).as("no findings, no audit annotation").isFalse();
        } else {
            assertThat(response.at("/auditAnnotations/policy-findings").asText()).isEqualTo(findings.asText());
        }
    }
}
