package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestReader;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One core, every edge: each CREATE fixture of {@code mutate/} and {@code validate/} goes
 * through its webhook ({@code /mutate}, or {@code /validate/enforce} for Jobs), {@code /dry-run}
 * and {@code hookwright check}, and all four must agree as docs/reference.md maps them:
 * deny ⇔ an error finding ⇔ HTTP 422 ⇔ exit 1; a patch ⇔ action {@code inject} (except
 * {@code hookwright.dev/skip}, which records the Job's name but runs nothing, so it reports
 * {@code skip}); a checked hook Job ⇔ action {@code validate}. Every Deployment and Job of the
 * chart streams under {@code charts/} goes the same way, as the API server would send it.
 */
@QuarkusTest
class EveryEdgeAgreesTest {

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("mutate", "validate")) {
            for (String name : Fixtures.names(folder, ".yaml")) {
                JsonNode request = Fixtures.read(folder + "/" + name + ".yaml").at("/review/request");
                String kind = request.at("/object/kind").asText();
                if ("CREATE".equals(request.path("operation").asText())
                        && ("Deployment".equals(kind) || "Job".equals(kind))) {
                    names.add(folder + "/" + name);
                }
            }
        }
        for (String chart : Fixtures.names("charts", ".yaml")) {
            if (chart.endsWith(".expect")) {
                continue;
            }
            List<Manifest> objects = ManifestReader.read(ChartPatternsTest.stream(chart));
            for (int i = 0; i < objects.size(); i++) {
                String kind = objects.get(i).kind();
                if (("Deployment".equals(kind) || "Job".equals(kind)) && hasMapMetadata(objects.get(i).object())) {
                    names.add("charts/" + chart + "#" + i);
                }
            }
        }
        return names.stream();
    }

    /**
     * An API server decodes every object before admission, so labels or annotations that are not
     * maps never reach a webhook; the review reader refuses such a review outright (400), and the
     * dry run alone reports them.
     */
    private static boolean hasMapMetadata(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return (metadata.path("labels").isMissingNode() || metadata.path("labels").isObject())
                && (metadata.path("annotations").isMissingNode() || metadata.path("annotations").isObject());
    }

    /** The review the API server would send for a fixture, or for one object of a chart stream. */
    private static ObjectNode review(String fixture) {
        int hash = fixture.indexOf('#');
        if (hash < 0) {
            return (ObjectNode) Fixtures.read(fixture + ".yaml").get("review");
        }
        String chart = fixture.substring("charts/".length(), hash);
        ObjectNode object = ManifestReader.read(ChartPatternsTest.stream(chart))
                .get(Integer.parseInt(fixture.substring(hash + 1))).object().deepCopy();
        if (object.path("metadata").path("namespace").asText("").isEmpty()) {
            object.withObjectProperty("metadata").put("namespace", "shop");
        }
        boolean deployment = "Deployment".equals(object.path("kind").asText());
        ObjectNode review = Json.mapper().createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "chart-" + fixture.hashCode())
                .put("name", object.at("/metadata/name").asText()).put("namespace", "shop").put("operation", "CREATE");
        request.putObject("kind").put("group", deployment ? "apps" : "batch").put("version", "v1")
                .put("kind", object.path("kind").asText());
        request.putObject("resource").put("group", deployment ? "apps" : "batch").put("version", "v1")
                .put("resource", deployment ? "deployments" : "jobs");
        request.putObject("userInfo").put("username", "system:serviceaccount:flux-system:helm-controller");
        request.set("object", object);
        return review;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theWebhookTheDryRunAndTheCliDecideAlike(String fixture) throws Exception {
        ObjectNode review = review(fixture);
        JsonNode object = review.at("/request/object");
        boolean deployment = "Deployment".equals(object.path("kind").asText());

        JsonNode webhook = Json.mapper().readTree(Https.given().contentType("application/json").body(review.toString())
                .post(deployment ? "/mutate" : "/validate/enforce")
                .then().statusCode(200).extract().asString()).get("response");
        boolean denied = !webhook.get("allowed").asBoolean();
        boolean patched = webhook.has("patch");

        var dryRunResponse = Https.given().body(object.toString()).post("/dry-run");
        JsonNode report = Json.mapper().readTree(dryRunResponse.asString());
        JsonNode result = report.at("/results/0");
        boolean dryRunErrors = report.at("/summary/findings/error").asInt() > 0;

        CheckRun check = CheckRun.of(object.toString(), "-o", "json");
        JsonNode checkReport = Json.mapper().readTree(check.stdout());

        assertThat(dryRunResponse.statusCode()).as("dry-run status").isEqualTo(denied ? 422 : 200);
        assertThat(dryRunErrors).as("an error finding ⇔ the webhook denies").isEqualTo(denied);
        assertThat(check.exit()).as("check's exit code").isEqualTo(denied ? 1 : 0);
        assertThat(checkReport).as("check and /dry-run report alike").isEqualTo(report);

        String action = result.get("action").asText();
        if (deployment) {
            boolean skip = "true".equals(object.at("/metadata/annotations").path(Keys.SKIP).asText());
            assertThat(action).as("action").isEqualTo(patched && !skip ? "inject" : "skip");
            if (patched) {
                String recorded = Json.mapper().readTree(java.util.Base64.getDecoder().decode(webhook.get("patch").asText()))
                        .toString();
                if ("inject".equals(action)) {
                    assertThat(recorded).as("the webhook records the Job the dry run shows")
                            .contains(result.at("/jobs/0/metadata/name").asText());
                }
            }
        } else {
            boolean hook = object.at("/metadata/annotations").has(Keys.HELM_HOOK);
            assertThat(action).isEqualTo(hook ? "validate" : "skip");
            List<String> denialRules = new ArrayList<>();
            result.get("findings").forEach(f -> {
                if ("error".equals(f.get("severity").asText())) {
                    denialRules.add(f.get("rule").asText());
                }
            });
            denialRules.forEach(rule -> assertThat(webhook.at("/status/message").asText()).contains(rule));
        }
    }
}
