package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /dry-run} over HTTPS: the report, its status codes and every kind of bad input. */
@QuarkusTest
class DryRunRouteTest {

    /** The reference Deployment as {@code helm template} prints it: no namespace. */
    private static String deploymentYaml() throws Exception {
        return deploymentYaml(metadata -> { });
    }

    private static String deploymentYaml(java.util.function.Consumer<ObjectNode> editMetadata) throws Exception {
        ObjectNode deployment = Fixtures.read("mutate/reference-chart.yaml").at("/review/request/object").deepCopy();
        ObjectNode metadata = (ObjectNode) deployment.get("metadata");
        metadata.remove("namespace");
        editMetadata.accept(metadata);
        return "---\n# Source: shop/templates/deployment.yaml\n" + YAML.writeValueAsString(deployment);
    }

    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private static final String HOOK_WITHOUT_DEADLINE = """
            ---
            # Source: shop/templates/migrate.yaml
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: shop-migrate-3
              labels: {app.kubernetes.io/instance: shop, app.kubernetes.io/component: migrations}
              annotations:
                helm.sh/hook: post-install,post-upgrade
                helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
            spec:
              backoffLimit: 0
              ttlSecondsAfterFinished: 300
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: "shop:1"}]
            """;

    @Test
    void reportsTheSynthesizedJobWith200WhenNothingIsAnError() throws Exception {
        Https.given().body(deploymentYaml()).queryParam("namespace", "shop")
                .post("/dry-run")
                .then().statusCode(200)
                .body("summary.objects", equalTo(1))
                .body("summary.jobs", equalTo(1))
                .body("summary.findings.error", equalTo(0))
                .body("summary.findings.warning", equalTo(0))
                .body("results[0].apiVersion", equalTo("apps/v1"))
                .body("results[0].kind", equalTo("Deployment"))
                .body("results[0].namespace", equalTo("shop"))
                .body("results[0].name", equalTo("shop-web"))
                .body("results[0].action", equalTo("inject"))
                .body("results[0].jobs[0].metadata.name", equalTo("shop-migrate-72f8bdd166"))
                .body("results[0].jobs[0].metadata.namespace", equalTo("shop"))
                .body("results[0].findings", hasSize(0));
    }

    @Test
    void answers422WithEveryFindingWhenOneIsAnError() throws Exception {
        Https.given().body(deploymentYaml() + HOOK_WITHOUT_DEADLINE).queryParam("namespace", "shop")
                .post("/dry-run")
                .then().statusCode(422)
                .body("summary.objects", equalTo(2))
                .body("summary.findings.error", equalTo(1))
                .body("results[1].action", equalTo("validate"))
                .body("results[1].findings[0].rule", equalTo("deadline"))
                .body("results[1].findings[0].severity", equalTo("error"))
                .body("results[1].findings[0].path", equalTo("spec.activeDeadlineSeconds"))
                .body("results[1].findings[0].message", containsString("not set: Helm waits for a hook Job"))
                .body("results[1].findings[0].message", containsString("set 1..3600"));
    }

    @Test
    void anObjectsOwnNamespaceWinsOverTheParameter() throws Exception {
        String inPayments = deploymentYaml(metadata -> metadata.put("namespace", "payments"));
        Https.given().body(inPayments).queryParam("namespace", "shop")
                .post("/dry-run")
                .then().statusCode(200)
                .body("results[0].namespace", equalTo("payments"))
                .body("results[0].jobs[0].metadata.namespace", equalTo("payments"));
    }

    @Test
    void theReleaseParameterComesAfterTheAnnotationsAndBeforeTheLabel() throws Exception {
        String withoutHelm = deploymentYaml(metadata -> {
            ((ObjectNode) metadata.get("annotations")).remove("meta.helm.sh/release-name");
            ((ObjectNode) metadata.get("labels")).put("app.kubernetes.io/instance", "argo-app");
        });
        Https.given().body(withoutHelm).queryParam("release", "storefront").post("/dry-run")
                .then().statusCode(200).body("results[0].jobs[0].metadata.name", startsWith("storefront-migrate-"));
        Https.given().body(deploymentYaml()).queryParam("release", "storefront").post("/dry-run")
                .then().statusCode(200).body("results[0].jobs[0].metadata.name", startsWith("shop-migrate-"));
    }

    @Test
    void reportsABadAnnotationAsAnErrorFindingAndSkipsTheDeployment() throws Exception {
        String bad = deploymentYaml(metadata -> ((ObjectNode) metadata.get("annotations"))
                .put("hookwright.dev/backoff-limit", "9"));
        Https.given().body(bad).post("/dry-run")
                .then().statusCode(422)
                .body("results[0].action", equalTo("skip"))
                .body("results[0].jobs", hasSize(0))
                .body("results[0].findings[0].rule", equalTo("annotation"))
                .body("results[0].findings[0].path", equalTo("metadata.annotations[hookwright.dev/backoff-limit]"))
                .body("results[0].findings[0].message", containsString("write an integer from 0 to 6"));
    }

    @Test
    void flagsTwoDeploymentsOfOneReleaseThatMakeDifferentJobsOfOneName() throws Exception {
        String first = deploymentYaml(metadata -> ((ObjectNode) metadata.get("annotations"))
                .put("hookwright.dev/revision", "4"));
        String second = first.replace("\"shop-web\"", "\"shop-worker\"").replace("shop/web:1.4.2", "shop/worker:1.4.2");
        Https.given().body(first + second).queryParam("namespace", "shop").post("/dry-run")
                .then().statusCode(422)
                .body("results[1].findings[0].rule", equalTo("conflict"))
                .body("results[1].findings[0].message", containsString("opt in one Deployment per release"));
    }

    @Test
    void returnsTheJobsAsAYamlStreamReadyForAChart() throws Exception {
        String yaml = Https.given().body(deploymentYaml()).header("Accept", "application/yaml")
                .post("/dry-run")
                .then().statusCode(200).contentType(startsWith("application/yaml"))
                .extract().asString();
        assertThat(yaml).startsWith("---\napiVersion: batch/v1\nkind: Job\n")
                .contains("app.kubernetes.io/managed-by: Helm", "helm.sh/hook-weight: \"10\"", "name: shop-migrate-72f8bdd166")
                .doesNotContain("hookwright\n", "namespace:");
    }

    @Test
    void pointsAtTheLineAndColumnOfMalformedYaml() {
        Https.given().body("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n")
                .post("/dry-run")
                .then().statusCode(400)
                .body("line", equalTo(4))
                .body("message", startsWith("line 4, column "));
    }

    @Test
    void readsTheStreamWhateverContentTypeTheClientSent() throws Exception {
        // curl --data-binary sends a form content type by default; "25%" is no valid form encoding.
        byte[] stream = (deploymentYaml() + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-limits\n"
                + "data:\n  share: 25%\n").getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain", "application/yaml"}) {
            var response = Https.post("/dry-run?namespace=shop", type, stream, false);
            assertThat(response.statusCode()).as(type).isEqualTo(200);
            JsonNode summary = Json.mapper().readTree(response.body()).path("summary");
            assertThat(summary.path("objects").asInt()).as(type).isEqualTo(2);
            assertThat(summary.path("jobs").asInt()).as(type).isEqualTo(1);
        }
        var mutate = Https.post("/mutate", "application/x-www-form-urlencoded",
                Fixtures.read("mutate/reference-chart.yaml").get("review").toString().getBytes(StandardCharsets.UTF_8), false);
        assertThat(mutate.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(mutate.body()).at("/response/allowed").asBoolean()).isTrue();
    }

    @Test
    void answersAWrongMethodWithJsonAndKeepsServing() {
        Https.given().get("/dry-run").then().statusCode(405).header("Allow", "POST")
                .body("code", equalTo(405)).body("message", containsString("Method Not Allowed"));
        Https.given().body("").post("/dry-run").then().statusCode(400);
    }

    @Test
    void refusesAnEmptyBodyAndAStreamOfOnlyComments() {
        Https.given().body("").post("/dry-run").then().statusCode(400)
                .body("message", containsString("no Kubernetes object"));
        Https.given().body("---\n# Source: shop/templates/empty.yaml\n---\n# nothing\n").post("/dry-run")
                .then().statusCode(400).body("message", containsString("pipeline broke"));
    }

    @Test
    void refusesABinaryBody() {
        Https.given().body(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16}).post("/dry-run")
                .then().statusCode(400).body("message", containsString("not UTF-8"));
    }

    @Test
    void refusesADocumentThatIsNotAKubernetesObject() {
        Https.given().body("---\nimage: shop:1\nreplicas: 2\n").post("/dry-run")
                .then().statusCode(400).body("message", containsString("needs apiVersion and kind"))
                .body("line", equalTo(2));
    }

    @Test
    void reportsADeploymentThatCannotBeReadAsOneAndChecksTheRestOfTheStream() {
        String stream = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: many}\n"
                + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: y\n  labels: {hookwright.dev/migrations: enabled}\n"
                + "spec: {replicas: many}\n" + HOOK_WITHOUT_DEADLINE;
        Https.given().body(stream).post("/dry-run").then().statusCode(422)
                .body("summary.objects", equalTo(3))
                .body("results[0].findings[0].rule", equalTo("unreadable"))
                .body("results[0].findings[0].severity", equalTo("warning"))
                .body("results[0].findings[0].path", equalTo("spec.replicas"))
                .body("results[0].findings[0].message", startsWith("spec.replicas is \"many\" (a string), where "
                        + "Kubernetes expects an integer"))
                .body("results[0].findings[0].message", containsString("the document at line 1"))
                .body("results[1].findings[0].severity", equalTo("error"))
                .body("results[1].findings[0].message", containsString("the document at line 6"))
                .body("results[2].findings[0].rule", equalTo("deadline"))
                .body("results[0].findings[0].message", not(containsString("Exception")));
    }

    @Test
    void refusesANamespaceParameterThatIsNoNamespace() throws Exception {
        Https.given().body(deploymentYaml()).queryParam("namespace", "Shop_Prod").post("/dry-run")
                .then().statusCode(400).body("message", containsString("not a namespace name"));
    }

    @Test
    void refusesABodyOneByteOverTheLimitAndKeepsServing() throws Exception {
        byte[] oversized = new byte[8 * 1024 * 1024 + 1];
        Arrays.fill(oversized, (byte) '#');
        assertThat(Https.postExpectingContinue("/dry-run", oversized).statusCode()).isEqualTo(413);
        reportsTheSynthesizedJobWith200WhenNothingIsAnError();
    }

    @Test
    void readsJsonAListAndAnAdmissionReviewToo() throws Exception {
        String review = Fixtures.read("mutate/reference-chart.yaml").get("review").toString();
        Https.given().body(review.getBytes(StandardCharsets.UTF_8)).post("/dry-run")
                .then().statusCode(200).body("results[0].namespace", equalTo("shop"))
                .body("results[0].action", equalTo("inject"));
        String list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + Fixtures.read("mutate/reference-chart.yaml")
                .at("/review/request/object") + ",{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}]}";
        Https.given().body(list).post("/dry-run")
                .then().statusCode(200).body("summary.objects", equalTo(2)).body("results[1].action", equalTo("skip"));
    }
}
