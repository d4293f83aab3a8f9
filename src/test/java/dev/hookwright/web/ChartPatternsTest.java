package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patterns real charts print, each as a {@code helm template}-style stream of its own under
 * {@code charts/} with what an expert would say about it ({@code <name>.expect.yaml}): through
 * {@code POST /dry-run} over HTTPS and {@code hookwright check}, which must report alike, with
 * exactly the expected findings (object, rule, severity), and no message that speaks of the
 * libraries underneath. Each Deployment and Job of these streams also goes through its webhook
 * in {@link EveryEdgeAgreesTest}.
 */
@QuarkusTest
class ChartPatternsTest {
    /** Words of the JSON library and the JVM that must never reach a user. */
    private static final List<String> INTERNALS = List.of("jackson", "com.", "java.", "exception", "cannot deserialize",
            "fabric8", "linkedhashmap");

    static Stream<Arguments> charts() {
        return Fixtures.names("charts", ".yaml").stream().filter(name -> !name.endsWith(".expect"))
                .map(name -> Arguments.of(name, Fixtures.read("charts/" + name + ".expect.yaml").get("description").asText()));
    }

    static byte[] stream(String name) {
        try (InputStream in = ChartPatternsTest.class.getResourceAsStream("/charts/" + name + ".yaml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("charts")
    void theDryRunAndTheCliJudgeTheChartAsAnExpertWould(String name, String description) throws Exception {
        JsonNode expect = Fixtures.read("charts/" + name + ".expect.yaml");
        byte[] body = stream(name);
        RequestSpecification request = Https.given().body(body);
        List<String> args = new ArrayList<>(List.of("-o", "json"));
        for (String parameter : List.of("namespace", "release")) {
            if (expect.hasNonNull(parameter)) {
                request = request.queryParam(parameter, expect.get(parameter).asText());
                args.add("--" + parameter);
                args.add(expect.get(parameter).asText());
            }
        }
        var response = request.post("/dry-run");
        JsonNode report = Json.mapper().readTree(response.asString());
        CheckRun check = CheckRun.of(body, args.toArray(String[]::new));

        List<String> found = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boolean errors = false;
        for (JsonNode result : report.path("results")) {
            for (JsonNode finding : result.path("findings")) {
                found.add(result.get("kind").asText() + " " + result.get("name").asText() + " "
                        + finding.get("rule").asText() + " " + finding.get("severity").asText());
                messages.add(finding.get("message").asText());
                errors |= "error".equals(finding.get("severity").asText());
            }
        }
        List<String> expected = new ArrayList<>();
        expect.path("findings").forEach(line -> expected.add(line.asText()));

        assertThat(response.statusCode()).as("dry-run status; report %s", report).isEqualTo(errors ? 422 : 200);
        assertThat(found).as("findings (object, rule, severity)").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(check.exit()).as("check's exit code; stderr %s", check.stderr()).isEqualTo(errors ? 1 : 0);
        assertThat(Json.mapper().readTree(check.stdout())).as("check and /dry-run report alike").isEqualTo(report);
        if (expect.has("objects")) {
            assertThat(report.at("/summary/objects").asInt()).isEqualTo(expect.get("objects").asInt());
        }
        expect.path("messages").forEach(part -> assertThat(messages).as("messages")
                .anySatisfy(message -> assertThat(message).contains(part.asText())));
        assertThat(messages).allSatisfy(message -> assertThat(message.toLowerCase(Locale.ROOT))
                .as("no library internals in %s", message).doesNotContain(INTERNALS));
        assertThat(report.at("/summary/hookJobs").asLong()).as("hook Jobs counted").isEqualTo(
                countActions(report, "validate"));
    }

    private static long countActions(JsonNode report, String action) {
        long count = 0;
        for (JsonNode result : report.path("results")) {
            count += action.equals(result.path("action").asText()) ? 1 : 0;
        }
        return count;
    }
}
