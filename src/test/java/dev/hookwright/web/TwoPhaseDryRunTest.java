package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.core.Json;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Golden;
import dev.hookwright.testing.Https;
import dev.hookwright.testing.Schemas;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The expand / contract pair in the dry run, {@code check} and the Helm export: the post-deploy
 * Job is in the Deployment's {@code jobs}, and the export orders migration, post-deploy and seed
 * by their hook weights, each a valid Job that passes the policy when put back into a chart.
 */
@QuarkusTest
class TwoPhaseDryRunTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The two-phase Deployment as {@code helm template} prints it: no namespace. */
    private static String templateOutput() throws Exception {
        ObjectNode deployment = Fixtures.read("mutate/two-phase-expand-contract.yaml").at("/review/request/object").deepCopy();
        ((ObjectNode) deployment.get("metadata")).remove("namespace");
        return "---\n# Source: shop/templates/deployment.yaml\n" + YAML.writeValueAsString(deployment);
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                documents.add(it.next());
            }
        }
        return documents;
    }

    @Test
    void reportsThePostDeployJobAmongTheDeploymentsJobs() throws Exception {
        Https.given().body(templateOutput()).queryParam("namespace", "shop").post("/dry-run")
                .then().statusCode(200)
                .body("summary.jobs", equalTo(3))
                .body("summary.findings.error", equalTo(0))
                .body("summary.findings.warning", equalTo(0))
                .body("results[0].action", equalTo("inject"))
                .body("results[0].jobs.metadata.name", contains("shop-migrate-12", "shop-postdeploy-12", "shop-seed-12"))
                .body("results[0].jobs[1].metadata.labels.'app.kubernetes.io/component'", equalTo("post-deploy-migrations"))
                .body("results[0].findings", hasSize(0));
        CheckRun text = CheckRun.of(templateOutput(), "--namespace", "shop");
        assertThat(text.exit()).isZero();
        assertThat(text.stdout()).contains("Deployment shop/shop-web: inject shop-migrate-12 shop-postdeploy-12 shop-seed-12\n")
                .contains("1 object, 3 Jobs synthesized, 0 hook Jobs checked, 0 errors, 0 warnings");
    }

    @Test
    void exportsThePhasesOrderedByWeightAlikeFromTheDryRunAndCheck() throws Exception {
        String exported = Https.given().body(templateOutput()).header("Accept", "application/yaml").post("/dry-run")
                .then().statusCode(200).extract().asString();
        CheckRun check = CheckRun.of(templateOutput(), "-o", "yaml");
        assertThat(check.exit()).isZero();
        assertThat(check.stdout()).as("check -o yaml and Accept: application/yaml").isEqualTo(exported);

        List<JsonNode> jobs = documents(exported);
        assertThat(jobs).extracting(job -> job.at("/metadata/name").asText())
                .containsExactly("shop-migrate-12", "shop-postdeploy-12", "shop-seed-12");
        assertThat(jobs).extracting(job -> job.at("/metadata/annotations/helm.sh~1hook-weight").asText())
                .containsExactly("-10", "0", "10");
        assertThat(jobs).extracting(job -> job.at("/metadata/annotations/helm.sh~1hook").asText())
                .containsExactly("pre-install,pre-upgrade", "post-install,post-upgrade", "post-install");
        ArrayNode pinned = Json.mapper().createArrayNode();
        for (JsonNode job : jobs) {
            Schemas.assertValidJob(job);
            assertThat(job.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("Helm");
            assertThat(job.at("/metadata/namespace").isMissingNode()).isTrue();
            pinned.add(job);
        }
        Golden.assertMatches("dryrun/expected/two-phase-export.json", pinned);

        // Put back into a chart as hand-written hooks, the export breaks no policy rule; it only warns that
        // Helm's 300 s --timeout leaves no margin over the 300 s deadline (hookwright's own Jobs are exempt).
        String chart = "---\n# Source: shop/templates/hooks.yaml\n" + exported;
        Https.given().body(chart).queryParam("namespace", "shop").post("/dry-run")
                .then().statusCode(200)
                .body("results.action", contains("validate", "validate", "validate"))
                .body("summary.findings.error", equalTo(0))
                .body("results.findings.flatten().rule", everyItem(equalTo("deadline-vs-timeout")));
    }
}
