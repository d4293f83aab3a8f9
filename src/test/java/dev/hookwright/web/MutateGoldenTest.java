package dev.hookwright.web;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Golden;
import dev.hookwright.testing.Https;
import dev.hookwright.testing.Patches;
import dev.hookwright.testing.Schemas;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture in {@code mutate/}: an AdmissionReview posted over HTTPS, the answer checked
 * against the fixture's expectations, the patch applied to the original object with an
 * independent RFC 6902 implementation, the Job the controller would make of the patched object
 * checked and validated against the strict Job schema, and the whole output pinned in
 * {@code mutate/expected/}.
 */
@QuarkusTest
class MutateGoldenTest {
    private static final MigrationPlanner CONTROLLER_VIEW = new MigrationPlanner(MigrationDefaults.SHIPPED);

    static List<String> fixtures() {
        return Fixtures.names("mutate", ".yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void answersAsTheFixtureExpects(String name) throws Exception {
        JsonNode fixture = Fixtures.read("mutate/" + name + ".yaml");
        JsonNode review = fixture.get("review");
        JsonNode expect = fixture.get("expect");

        String body = Https.given().contentType("application/json").body(review.toString())
                .post("/mutate").then().statusCode(200).extract().asString();
        ObjectNode answer = (ObjectNode) Json.mapper().readTree(body);
        JsonNode response = answer.get("response");

        assertThat(answer.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(response.get("uid")).isEqualTo(review.at("/request/uid"));
        assertThat(response.get("allowed").asBoolean()).as("allowed").isEqualTo(expect.get("allowed").asBoolean());
        if (expect.has("code")) {
            assertThat(response.at("/status/code").asInt()).isEqualTo(expect.get("code").asInt());
        }
        for (JsonNode part : expect.path("messageContains")) {
            assertThat(response.at("/status/message").asText()).contains(part.asText());
        }
        StringBuilder warnings = new StringBuilder();
        response.path("warnings").forEach(warning -> warnings.append(warning.asText()).append('\n'));
        for (JsonNode part : expect.path("warningsContain")) {
            assertThat(warnings.toString()).contains(part.asText());
        }
        if ("none".equals(expect.path("patch").asText())) {
            assertThat(response.has("patch")).as("patch").isFalse();
            assertThat(response.has("patchType")).as("patchType").isFalse();
        }
        if (response.has("patch") || response.has("patchType")) {
            assertThat(response.get("patchType").asText()).isEqualTo("JSONPatch");
        }

        JsonNode original = review.at("/request/object");
        JsonNode patch = response.has("patch") ? Patches.decode(response.get("patch").asText())
                : Json.mapper().createArrayNode();
        JsonNode patched = original.isObject() ? Patches.apply(original, patch) : original;
        expect.path("patched").fields().forEachRemaining(entry ->
                assertThat(patched.at(JsonPointer.compile(entry.getKey()))).as("patched %s", entry.getKey())
                        .isEqualTo(entry.getValue()));
        expect.path("patchedAbsent").forEach(pointer ->
                assertThat(patched.at(pointer.asText()).isMissingNode()).as("absent %s", pointer).isTrue());
        for (JsonNode op : expect.path("patchOps")) {
            assertThat(patch).as("patch operations").anySatisfy(actual -> {
                assertThat(actual.get("op")).isEqualTo(op.get("op"));
                assertThat(actual.get("path")).isEqualTo(op.get("path"));
            });
        }

        Optional<Plan.Planned> planned = planOf(patched);
        JsonNode job = tree(planned.map(Plan.Planned::job));
        JsonNode seed = tree(planned.flatMap(Plan.Planned::seedJob));
        if (expect.has("job") || expect.has("jobAbsent") || expect.has("jobNameStartsWith")) {
            assertThat(job.isNull()).as("a Job is synthesized").isFalse();
            Schemas.assertValidJob(job);
            assertThat(job.at("/metadata/name").asText()).isEqualTo(patched.at(
                    "/metadata/annotations/hookwright.dev~1migration-job").asText());
        }
        assertThat(job.at("/metadata/name").asText()).startsWith(expect.path("jobNameStartsWith").asText(""));
        expect.path("job").fields().forEachRemaining(entry ->
                assertThat(job.at(JsonPointer.compile(entry.getKey()))).as("job %s", entry.getKey())
                        .isEqualTo(entry.getValue()));
        expect.path("jobAbsent").forEach(pointer ->
                assertThat(job.at(pointer.asText()).isMissingNode()).as("job has no %s", pointer).isTrue());
        assertThat(seed.isNull()).as("a seed Job is synthesized").isEqualTo(!expect.has("seed"));
        if (!seed.isNull()) {
            Schemas.assertValidJob(seed);
        }
        expect.path("seed").fields().forEachRemaining(entry ->
                assertThat(seed.at(JsonPointer.compile(entry.getKey()))).as("seed %s", entry.getKey())
                        .isEqualTo(entry.getValue()));
        expect.path("seedAbsent").forEach(pointer ->
                assertThat(seed.at(pointer.asText()).isMissingNode()).as("seed has no %s", pointer).isTrue());
        JsonNode postDeploy = tree(planned.flatMap(Plan.Planned::postDeployJob));
        assertThat(postDeploy.isNull()).as("a post-deploy Job is synthesized").isEqualTo(!expect.has("postDeploy"));
        if (!postDeploy.isNull()) {
            Schemas.assertValidJob(postDeploy);
        }
        expect.path("postDeploy").fields().forEachRemaining(entry ->
                assertThat(postDeploy.at(JsonPointer.compile(entry.getKey()))).as("post-deploy %s", entry.getKey())
                        .isEqualTo(entry.getValue()));
        expect.path("postDeployAbsent").forEach(pointer ->
                assertThat(postDeploy.at(pointer.asText()).isMissingNode()).as("post-deploy has no %s", pointer).isTrue());

        ObjectNode golden = Json.mapper().createObjectNode();
        ObjectNode pinnedResponse = response.deepCopy();
        if (pinnedResponse.has("patch")) {
            pinnedResponse.set("patch", patch);
        }
        golden.set("response", pinnedResponse);
        golden.set("job", job);
        if (!seed.isNull()) {
            golden.set("seed", seed);
        }
        if (!postDeploy.isNull()) {
            golden.set("postDeploy", postDeploy);
        }
        Golden.assertMatches("mutate/expected/" + name + ".json", golden);
    }

    /** What the controller makes of the stored (patched) Deployment. */
    private static Optional<Plan.Planned> planOf(JsonNode deployment) throws Exception {
        if (!deployment.isObject() || !"Deployment".equals(deployment.path("kind").asText())) {
            return Optional.empty();
        }
        Plan plan = CONTROLLER_VIEW.plan(Json.mapper().treeToValue(deployment, Deployment.class), Optional.empty());
        return plan instanceof Plan.Planned planned ? Optional.of(planned) : Optional.empty();
    }

    /** As JSON, re-read so numbers compare by value whatever node type made them. */
    private static JsonNode tree(Optional<?> model) throws Exception {
        return model.isEmpty() ? Json.mapper().nullNode()
                : Json.mapper().readTree(Json.mapper().writeValueAsString(model.get()));
    }
}
