package dev.hookwright.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import dev.hookwright.testing.Https;
import dev.hookwright.testing.Patches;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller's own record write passes {@code /mutate} untouched (over HTTPS, as the API
 * server sends it): no patch and no denial for an UPDATE that changes only hookwright's records,
 * even on a {@code pre} Deployment stored without its readiness gate while the webhook was down
 * (a gate added then would roll the pods) or one stored with a bad value.
 */
@QuarkusTest
class RecordWriteAdmissionTest {

    /** A {@code pre} Deployment as stored while the webhook was down: no migration-job record, no readiness gate. */
    private static Deployment storedWithoutTheWebhook() {
        return Deployments.optedIn("shop", "shop-web", "shop:1").editMetadata().withUid("d-uid").withResourceVersion("41")
                .withGeneration(3L).addToAnnotations(Keys.WHEN, "pre").endMetadata().build();
    }

    private static Deployment withRecord(Deployment stored, String key, String value) {
        return new DeploymentBuilder(stored).editMetadata().addToAnnotations(key, value).endMetadata().build();
    }

    private static JsonNode update(Deployment oldObject, Deployment object) {
        ObjectNode review = Json.mapper().createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", "7f0e5a4c-0100-4d6e-9a51-record-write").put("operation", "UPDATE")
                .put("namespace", "shop").put("name", "shop-web");
        request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
        request.putObject("resource").put("group", "apps").put("version", "v1").put("resource", "deployments");
        request.putObject("userInfo").put("username", "system:serviceaccount:hookwright:hookwright");
        request.set("object", Json.mapper().valueToTree(object));
        request.set("oldObject", Json.mapper().valueToTree(oldObject));
        String body = Https.given().contentType("application/json").body(review.toString()).post("/mutate")
                .then().statusCode(200).extract().asString();
        try {
            return Json.mapper().readTree(body).get("response");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theControllersStatusAndHistoryWritesGetNoPatchOnADeploymentStoredWithoutItsGate() {
        Deployment stored = storedWithoutTheWebhook();
        for (String key : new String[] {Keys.MIGRATION_STATUS, Keys.MIGRATION_HISTORY, Keys.SEED_STATUS,
                Keys.POST_DEPLOY_STATUS, Keys.MIGRATION_MESSAGE}) {
            JsonNode response = update(stored, withRecord(stored, key, "shop-migrate-1 Pending"));
            assertThat(response.get("allowed").asBoolean()).as(key).isTrue();
            assertThat(response.has("patch")).as(key).isFalse();
            assertThat(response.has("patchType")).as(key).isFalse();
        }
    }

    @Test
    void aRecordWriteOnADeploymentStoredWithABadValueIsNeitherDeniedNorPatched() {
        Deployment stored = withRecord(storedWithoutTheWebhook(), Keys.BACKOFF_LIMIT, "99");
        JsonNode response = update(stored, withRecord(stored, Keys.MIGRATION_STATUS, "- Invalid"));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void anUpdateThatAlsoChangesAnythingElseIsPatchedAsUsual() {
        Deployment stored = storedWithoutTheWebhook();
        Deployment scaled = new DeploymentBuilder(withRecord(stored, Keys.MIGRATION_STATUS, "shop-migrate-1 Pending"))
                .editSpec().withReplicas(5).endSpec().build();
        JsonNode response = update(stored, scaled);
        assertThat(response.get("allowed").asBoolean()).isTrue();
        JsonNode patched = Patches.apply(Json.mapper().valueToTree(scaled), Patches.decode(response.get("patch").asText()));
        assertThat(patched.at("/spec/template/spec/readinessGates/0/conditionType").asText()).isEqualTo(Keys.READINESS_GATE);
    }
}
