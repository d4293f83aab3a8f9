package dev.hookwright.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.cli.CheckCommand;
import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.render.Renderer;
import dev.hookwright.core.settings.Limits;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Charts;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example chart rendered by a real Helm, handed to {@code render} as Helm 4 hands a
 * post-renderer its stream (every document marked with its file), split back as Helm 4 splits
 * it, then checked by {@code hookwright check}: no finding at all. And the same chart through
 * {@code --dialect argocd}: Argo CD's hooks, Jobs valid against the strict schema.
 */
class RenderSupernovaChartTest {
    private static final String FILENAME = Renderer.HELM_POSTRENDER_FILENAME;
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private static String helmTemplate(Map<String, Object> set) {
        return Charts.templateWithHooks(Charts.SUPERNOVA, "shop", "shop", Path.of("values-hookwright.example.yaml"), set);
    }

    /** What Helm 4's annotateAndMerge makes of the chart's files: one stream, each document marked with its file. */
    private static String asHelm4PostRendererInput(String helmTemplate) throws Exception {
        StringBuilder stream = new StringBuilder();
        String file = null;
        for (String chunk : helmTemplate.split("(?m)^---\\s*$")) {
            for (String line : chunk.split("\n")) {
                if (line.startsWith("# Source: ")) {
                    file = line.substring("# Source: ".length()).trim();
                }
            }
            JsonNode document = YAML.readTree(chunk);
            if (document == null || !document.isObject()) {
                continue;
            }
            ((ObjectNode) document.get("metadata")).withObjectProperty("annotations").put(FILENAME, file);
            stream.append(YAML.writeValueAsString(document));
        }
        return stream.toString();
    }

    /** What Helm 4's splitAndDeannotate makes of the post-renderer's output: documents by file, the mark removed. */
    private static Map<String, List<JsonNode>> splitByFile(String postRendered) throws Exception {
        Map<String, List<JsonNode>> files = new LinkedHashMap<>();
        List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(postRendered).readAll();
        for (int i = 0; i < documents.size(); i++) {
            ObjectNode document = (ObjectNode) documents.get(i);
            JsonNode file = document.at("/metadata/annotations/" + FILENAME.replace("/", "~1"));
            String name = file.isTextual() ? file.asText() : "generated-by-postrender-" + i + ".yaml";
            ((ObjectNode) document.at("/metadata/annotations")).remove(FILENAME);
            files.computeIfAbsent(name, n -> new ArrayList<>()).add(document);
        }
        return files;
    }

    @Test
    void helmFoursStreamThroughRenderHoldsTheJobInTheDeploymentsFileAndChecksWithNoFinding() throws Exception {
        String input = asHelm4PostRendererInput(helmTemplate(Map.of()));
        RenderRun run = RenderRun.of(input);
        assertThat(run.exit()).as(run.stderr()).isZero();

        Map<String, List<JsonNode>> files = splitByFile(run.stdout());
        assertThat(files.keySet()).as("no document without its file").allMatch(name -> !name.startsWith("generated-"));
        List<JsonNode> deploymentFile = files.get("supernova-server/templates/deployment.yaml");
        assertThat(deploymentFile).extracting(d -> d.get("kind").asText() + " " + d.at("/metadata/name").asText())
                .containsExactly("Deployment shop-server", "Job shop-migrate-1");
        JsonNode job = deploymentFile.get(1);
        Schemas.assertValidJob(job);
        assertThat(job.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("post-install,post-upgrade");
        assertThat(job.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("Helm");
        assertThat(job.at("/metadata/namespace").isMissingNode()).as("Helm puts it in the release's namespace").isTrue();
        assertThat(deploymentFile.get(0).at("/metadata/labels/hookwright.dev~1migrations").asText()).isEqualTo("rendered");

        StringBuilder deannotated = new StringBuilder();
        for (List<JsonNode> documents : files.values()) {
            for (JsonNode document : documents) {
                deannotated.append(YAML.writeValueAsString(document));
            }
        }
        // Helm now waits on the Job: a release installed with --timeout 10m, as the README says.
        CheckRun check = check(deannotated.toString(), 600);
        assertThat(check.exit()).isZero();
        assertThat(check.stdout()).contains("Job shop/shop-migrate-1: validate\n",
                "Deployment shop/shop-server: skip\n", "0 errors, 0 warnings");
        // With Helm's default 300 s, the policy says why that matters.
        assertThat(check(deannotated.toString(), 300).stdout()).contains("deadline-vs-timeout");
    }

    @Test
    void argoCdsDialectWritesArgoHooksOnJobsTheStrictSchemaAccepts() throws Exception {
        String stream = helmTemplate(Map.of("hookwright.when", "pre"));
        RenderRun run = RenderRun.of(stream, "--dialect", "argocd");
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<JsonNode> jobs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout()).readAll().stream()
                .filter(d -> "Job".equals(d.path("kind").asText())).toList();
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0);
        Schemas.assertValidJob(job);
        assertThat(job.at("/metadata/name").asText()).isEqualTo("shop-migrate-1");
        assertThat(job.at("/metadata/annotations").toString()).doesNotContain("helm.sh/hook");
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("PreSync");
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText()).isEqualTo("-10");
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook-delete-policy").asText()).isEqualTo("HookFailed");
        assertThat(job.at("/spec/ttlSecondsAfterFinished").isMissingNode()).isTrue();
    }

    @Test
    void argoCdRefusesTheChartsInstallOnlySeed() {
        RenderRun run = RenderRun.of(helmTemplate(Map.of("hookwright.seedCommand[0]", "node", "hookwright.seedCommand[1]", "db/seed.mjs")),
                "--dialect", "argocd");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("Job shop-seed-1 runs on \"post-install\"");
    }

    private static CheckRun check(String stream, int helmTimeoutSeconds) {
        DryRun dryRun = new DryRun(new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED)),
                new HookPolicy(new PolicySettings(Limits.SHIPPED, helmTimeoutSeconds)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(dryRun, new String[] {"--namespace", "shop"},
                new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CheckRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
