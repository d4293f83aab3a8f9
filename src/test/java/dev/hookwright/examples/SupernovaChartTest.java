package dev.hookwright.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Charts;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example chart rendered by a real Helm and checked by {@code hookwright check}: the
 * hand-written hook passes every rule; the labelled Deployment yields hookwright's migration Job.
 */
class SupernovaChartTest {

    private static String render(String release, String valuesFile, Map<String, Object> set) {
        return Charts.templateWithHooks(Charts.SUPERNOVA, release, "shop", valuesFile == null ? null : Path.of(valuesFile),
                set);
    }

    private static JsonNode report(String manifests) throws Exception {
        CheckRun run = CheckRun.of(manifests, "-o", "json", "--namespace", "shop");
        assertThat(run.stderr()).isEmpty();
        return Json.mapper().readTree(run.stdout());
    }

    private static List<JsonNode> results(JsonNode report, String kind) {
        List<JsonNode> found = new ArrayList<>();
        report.get("results").forEach(result -> {
            if (kind.equals(result.get("kind").asText())) {
                found.add(result);
            }
        });
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"values-migrations.example.yaml", "values-migrations-pre.example.yaml"})
    void theHandWrittenHookPassesEveryRuleWithNoFindingAtAll(String valuesFile) throws Exception {
        String manifests = render("shop", valuesFile, Map.of());
        CheckRun run = CheckRun.of(manifests, "--namespace", "shop");
        assertThat(run.exit()).as(run.stdout()).isZero();

        JsonNode report = report(manifests);
        assertThat(report.at("/summary/findings/error").asInt()).isZero();
        assertThat(report.at("/summary/findings/warning").asInt()).as(report.toPrettyString()).isZero();
        List<JsonNode> jobs = results(report, "Job");
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.get("action").asText()).isEqualTo("validate");
            assertThat(job.get("name").asText()).isEqualTo("shop-migrate-1");
        });
        for (JsonNode document : documents(manifests)) {
            if ("Job".equals(document.path("kind").asText())) {
                Schemas.assertValidJob(document);
            }
        }
    }

    @Test
    void thePreVariantRunsBeforeTheAppAndMakesItsEnvironmentAHookToo() throws Exception {
        String manifests = render("shop", "values-migrations-pre.example.yaml", Map.of());
        assertThat(manifests).contains("helm.sh/hook: pre-install,pre-upgrade", "helm.sh/hook-weight: \"-10\"",
                "helm.sh/hook-weight: \"-20\"");
        assertThat(CheckRun.of(manifests, "--namespace", "shop").stdout()).doesNotContain("pre-install-refs");
    }

    @Test
    void warnsWhenAPreInstallHookReadsAnOrdinaryConfigMap() throws Exception {
        // The pre hook without making its environment a hook: the mistake the rule exists for.
        StringBuilder mistaken = new StringBuilder();
        for (JsonNode document : documents(render("shop", "values-migrations-pre.example.yaml", Map.of()))) {
            if (!"Job".equals(document.path("kind").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("metadata")).remove("annotations");
            }
            mistaken.append("---\n").append(YAML.writeValueAsString(document));
        }
        CheckRun run = CheckRun.of(mistaken.toString(), "--namespace", "shop");
        assertThat(run.stdout()).contains("pre-install-refs: spec.template.spec.containers[0].envFrom[0].configMapRef.name "
                + "names ConfigMap shop-env", "pre-install-refs: spec.template.spec.containers[0].envFrom[1].secretRef.name "
                + "names Secret shop-secrets");
        assertThat(run.exit()).as("a warning does not fail the check").isZero();
    }

    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private static List<JsonNode> documents(String stream) throws Exception {
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(stream).readAll().stream()
                .filter(JsonNode::isObject).toList();
    }

    @ParameterizedTest(name = "when: {0}")
    @ValueSource(strings = {"post", "pre"})
    void theLabelledDeploymentYieldsTheJobOfTheContract(String when) throws Exception {
        String manifests = render("shop", "values-hookwright.example.yaml", Map.of("hookwright.when", when));
        JsonNode report = report(manifests);
        JsonNode deployment = results(report, "Deployment").get(0);
        assertThat(deployment.get("action").asText()).isEqualTo("inject");
        JsonNode job = deployment.at("/jobs/0");
        Schemas.assertValidJob(job);
        assertThat(job.at("/metadata/name").asText()).isEqualTo("shop-migrate-1");
        assertThat(job.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(job.at("/metadata/annotations/helm.sh~1hook").asText())
                .isEqualTo(when.equals("pre") ? "pre-install,pre-upgrade" : "post-install,post-upgrade");
        assertThat(job.at("/metadata/annotations/helm.sh~1hook-weight").asText()).isEqualTo(when.equals("pre") ? "-10" : "10");
        assertThat(job.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/supernova/server:1.4.2");
        assertThat(job.at("/spec/template/spec/containers/0/envFrom").toString())
                .contains("shop-env", "shop-secrets");
        assertThat(report.at("/summary/findings/error").asInt()).isZero();
    }

    @Test
    void theExportedJobIsAHookHelmWaitsOnSoItsDeadlineDrawsDeadlineVersusTimeout() {
        String manifests = render("shop", "values-hookwright.example.yaml", Map.of());
        CheckRun exported = CheckRun.of(manifests, "-o", "yaml", "--namespace", "shop");
        assertThat(exported.exit()).isZero();
        assertThat(exported.stdout()).contains("app.kubernetes.io/managed-by: Helm", "name: shop-migrate-1")
                .doesNotContain("managed-by: hookwright");
        // Checked again as part of a chart, Helm now waits on it: 300 s + 30 > the 300 s --timeout.
        CheckRun again = CheckRun.of(exported.stdout());
        assertThat(again.stdout()).contains("deadline-vs-timeout");
        assertThat(again.exit()).isZero();
    }

    @Test
    void aLongDottedReleaseIsNamedAsHookwrightNamesIt() throws Exception {
        String release = "payments.eu-west-1.production-ledger-reconciliation";
        String manifests = render(release, "values-migrations.example.yaml", Map.of());
        CheckRun run = CheckRun.of(manifests);
        assertThat(run.exit()).as(run.stdout()).isZero();
        assertThat(run.stdout()).doesNotContain("naming");
    }

    @Test
    void theSeedAndRetryVariantsPassToo() throws Exception {
        String manifests = render("shop", "values-migrations.example.yaml",
                Map.of("seed.enabled", "true", "migrations.retry.enabled", "true"));
        JsonNode report = report(manifests);
        assertThat(report.at("/summary/findings/error").asInt()).as(report.toPrettyString()).isZero();
        assertThat(results(report, "Job")).extracting(job -> job.get("name").asText())
                .containsExactlyInAnyOrder("shop-migrate-1", "shop-seed-1");
    }
}
