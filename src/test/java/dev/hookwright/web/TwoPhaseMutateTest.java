package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-deploy phase changes nothing in what {@code /mutate} writes: the webhook records only
 * the migration Job (the post-deploy Job has its own record, written by the controller), and an
 * UPDATE touching only that record is no configuration change.
 */
@QuarkusTest
class TwoPhaseMutateTest {
    private static final List<String> SECOND_PHASE = List.of(Keys.ENV, Keys.POST_DEPLOY_COMMAND, Keys.POST_DEPLOY_ARGS,
            Keys.POST_DEPLOY_ENV, Keys.SEED_COMMAND);

    private static JsonNode answer(ObjectNode review) throws Exception {
        return Json.mapper().readTree(Https.given().contentType("application/json").body(review.toString())
                .post("/mutate").then().statusCode(200).extract().asString()).get("response");
    }

    @Test
    void patchesExactlyAsWithoutTheSecondPhase() throws Exception {
        ObjectNode twoPhase = (ObjectNode) Fixtures.read("mutate/two-phase-expand-contract.yaml").get("review");
        ObjectNode onePhase = twoPhase.deepCopy();
        ObjectNode annotations = (ObjectNode) onePhase.at("/request/object/metadata/annotations");
        SECOND_PHASE.forEach(annotations::remove);

        JsonNode withPostDeploy = answer(twoPhase);
        JsonNode without = answer(onePhase);
        assertThat(withPostDeploy.get("allowed").asBoolean()).isTrue();
        assertThat(withPostDeploy.get("patch")).as("the same patch").isEqualTo(without.get("patch"));
        assertThat(new String(java.util.Base64.getDecoder().decode(withPostDeploy.get("patch").asText())))
                .contains("shop-migrate-12").doesNotContain("postdeploy");
    }

    @Test
    void anUpdateOfThePostDeployRecordAloneIsNoConfigurationChange() throws Exception {
        ObjectNode review = (ObjectNode) Fixtures.read("mutate/two-phase-expand-contract.yaml").get("review");
        ObjectNode request = (ObjectNode) review.get("request");
        request.put("operation", "UPDATE");
        ObjectNode stored = request.get("object").deepCopy();
        // Stored with a bad value, then the controller writes its record: allowed, no patch.
        ((ObjectNode) stored.at("/metadata/annotations")).put(Keys.POST_DEPLOY_ENV, "{\"1X\":\"y\"}");
        ((ObjectNode) stored.at("/metadata/annotations")).put(Keys.MIGRATION_JOB, "shop-migrate-12");
        ObjectNode updated = stored.deepCopy();
        ((ObjectNode) updated.at("/metadata/annotations")).put(Keys.POST_DEPLOY_STATUS, "shop-postdeploy-12 Running");
        request.set("oldObject", stored);
        request.set("object", updated);

        JsonNode response = answer(review);
        // A write of the controller's own record: nothing to patch, deny or warn about.
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("warnings")).isFalse();
        assertThat(Keys.isRecord(Keys.POST_DEPLOY_STATUS)).isTrue();
    }
}
