package dev.hookwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.render.RenderRun;
import dev.hookwright.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookwright render} as Helm runs it: a refused stream exits 1 with the reason on
 * standard error and nothing at all on standard output (Helm then fails the release before
 * anything is applied); input it cannot read exits 2.
 */
class RenderCommandTest {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-env\n";

    private static ObjectNode reference() {
        return (ObjectNode) Fixtures.read("mutate/reference-chart.yaml").at("/review/request/object").deepCopy();
    }

    private static String stream(ObjectNode... deployments) throws Exception {
        StringBuilder text = new StringBuilder(CONFIG_MAP);
        for (ObjectNode deployment : deployments) {
            text.append(YAML.writeValueAsString(deployment));
        }
        return text.toString();
    }

    /** What {@code /mutate} denies the same Deployment with, from the webhook's own decider. */
    private static String denial(ObjectNode deployment) {
        return new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED))
                .decide(deployment, Optional.empty(), Optional.empty()).denial().orElseThrow();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "hookwright.dev/command | node db/migrate.mjs",
        "hookwright.dev/command | []",
        "hookwright.dev/command | [\"node\", 1]",
        "hookwright.dev/args    | --verbose",
        "hookwright.dev/when    | post-instal",
        "hookwright.dev/when    | pre-delete",
        "hookwright.dev/when    | ''",
        "hookwright.dev/weight  | ten",
        "hookwright.dev/weight  | 99999999999",
        "hookwright.dev/container | sidecar",
        "hookwright.dev/backoff-limit | 7",
        "hookwright.dev/active-deadline-seconds | 0",
        "hookwright.dev/active-deadline-seconds | 5m",
        "hookwright.dev/ttl-seconds-after-finished | -1",
        "hookwright.dev/revision | Release-3",
        "hookwright.dev/revision | ''",
        "hookwright.dev/rerun   | 0123456789012345678901234567890123456789012345678901234567890123",
        "hookwright.dev/skip    | yes",
        "hookwright.dev/env-configmap | Shop_Env",
        "hookwright.dev/env-secret | shop secrets",
        "hookwright.dev/release | Shop",
        "hookwright.dev/release | a-release-name-that-is-fifty-four-characters-long-xxxx",
        "hookwright.dev/seed-command | node seed.mjs",
        "hookwright.dev/seed-args | --demo",
        "hookwright.dev/seed-when | first",
        "hookwright.dev/retry   | exponential:7",
        "hookwright.dev/retry-fail-exit-codes | 2",
    })
    void refusesABadValueWithTheMessageMutateDeniesWithAndWritesNothing(String annotation, String value) throws Exception {
        ObjectNode deployment = reference();
        ((ObjectNode) deployment.at("/metadata/annotations")).put(annotation, value);
        RenderRun run = RenderRun.of(stream(deployment));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(denial(deployment) + "\n").contains(annotation);
    }

    @Test
    void refusesEveryBadValueOfADeploymentAtOnceAsOneLine() throws Exception {
        ObjectNode deployment = reference();
        ((ObjectNode) deployment.at("/metadata/annotations")).put("hookwright.dev/weight", "ten")
                .put("hookwright.dev/backoff-limit", "9");
        RenderRun run = RenderRun.of(stream(deployment));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(denial(deployment) + "\n")
                .contains("hookwright.dev/weight: \"ten\"", "hookwright.dev/backoff-limit: \"9\"");
    }

    @Test
    void refusesTwoOptedInDeploymentsOfOneReleaseAsAConflict() throws Exception {
        ObjectNode web = reference();
        ((ObjectNode) web.at("/metadata/annotations")).put("hookwright.dev/revision", "4");
        ObjectNode worker = web.deepCopy();
        ((ObjectNode) worker.get("metadata")).put("name", "shop-worker");
        RenderRun run = RenderRun.of(stream(web, worker));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("hookwright: conflict: Deployment shop-web already makes a different Job "
                + "named shop-migrate-4 for this release; opt in one Deployment per release");
    }

    @Test
    void refusesAnOptedInDeploymentWithNoReleaseRatherThanSkipItsMigration() throws Exception {
        ObjectNode deployment = reference();
        ((ObjectNode) deployment.at("/metadata/annotations")).remove("meta.helm.sh/release-name");
        ((ObjectNode) deployment.at("/metadata/labels")).remove("app.kubernetes.io/instance");
        RenderRun refused = RenderRun.of(stream(deployment));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).contains("names no release: pass --release R",
                "--post-renderer-args=--release=R");

        RenderRun named = RenderRun.of(stream(deployment), "--release", "shop");
        assertThat(named.exit()).as(named.stderr()).isZero();
        assertThat(named.stdout()).contains("name: shop-migrate-72f8bdd166");
    }

    @Test
    void refusesToAddAJobTheStreamAlreadyHas() throws Exception {
        ObjectNode deployment = reference();
        String handWritten = "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: shop-migrate-72f8bdd166\n"
                + "  namespace: shop\n";
        RenderRun run = RenderRun.of(stream(deployment) + handWritten);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("would add a Job named shop-migrate-72f8bdd166, but the stream holds one");
    }

    @Test
    void refusesForArgoCdAHookItCannotExpress() throws Exception {
        ObjectNode seedOnInstall = reference();
        ((ObjectNode) seedOnInstall.at("/metadata/annotations")).put("hookwright.dev/seed-command", "[\"seed\"]");
        RenderRun seed = RenderRun.of(stream(seedOnInstall), "--dialect", "argocd");
        assertThat(seed.exit()).isEqualTo(1);
        assertThat(seed.stdout()).isEmpty();
        assertThat(seed.stderr()).contains("runs on \"post-install\", which Argo CD cannot express",
                "hookwright.dev/seed-when: write \"always\"");

        ObjectNode mixed = reference();
        ((ObjectNode) mixed.at("/metadata/annotations")).put("hookwright.dev/when", "pre-upgrade,post-install")
                .put("hookwright.dev/weight", "0");
        RenderRun when = RenderRun.of(stream(mixed), "--dialect", "argocd");
        assertThat(when.exit()).isEqualTo(1);
        assertThat(when.stderr()).contains("hookwright.dev/when: write \"pre\" or \"post\"");
        assertThat(RenderRun.of(stream(mixed)).exit()).as("Helm can").isZero();
    }

    @Test
    void exitsTwoForEmptyOrUnreadableInputWithNothingOnStandardOutput(@TempDir Path dir) throws Exception {
        RenderRun empty = RenderRun.of("");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stdout()).isEmpty();
        assertThat(empty.stderr()).contains("standard input", "no Kubernetes object");

        RenderRun onlyComments = RenderRun.of("# nothing rendered\n---\n");
        assertThat(onlyComments.exit()).isEqualTo(2);
        assertThat(onlyComments.stdout()).isEmpty();

        RenderRun malformed = RenderRun.of(CONFIG_MAP + "---\napiVersion: v1\nkind: [\n");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.stdout()).isEmpty();
        assertThat(malformed.stderr()).startsWith("hookwright render: standard input: line ");

        RenderRun notUtf8 = RenderRun.of(new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(notUtf8.exit()).isEqualTo(2);
        assertThat(notUtf8.stdout()).isEmpty();

        RenderRun missing = RenderRun.of("", "-f", dir.resolve("absent.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("absent.yaml: no such file");

        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        RenderRun unreadable = RenderRun.of("", directory.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.stdout()).isEmpty();

        RenderRun dialect = RenderRun.of(CONFIG_MAP, "--dialect", "flux");
        assertThat(dialect.exit()).isEqualTo(2);
        assertThat(dialect.stderr()).contains("--dialect \"flux\" is not known; write helm or argocd");

        RenderRun option = RenderRun.of(CONFIG_MAP, "--bogus");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.stdout()).isEmpty();
        assertThat(option.stderr()).contains("Unknown option: '--bogus'", "Usage: hookwright render");
    }

    @Test
    void passesAStreamWithNothingOptedInThroughUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stream.yaml");
        Files.writeString(file, CONFIG_MAP);
        assertThat(RenderRun.of("", "-f", file.toString()).stdout()).isEqualTo(CONFIG_MAP);
        assertThat(RenderRun.of("", file.toString()).stdout()).isEqualTo(CONFIG_MAP);
        assertThat(RenderRun.of(CONFIG_MAP, "-").stdout()).isEqualTo(CONFIG_MAP);
    }

    @Test
    void acceptsTheReleaseAsHelmPassesPostRendererArgs() throws Exception {
        ObjectNode deployment = reference();
        ((ObjectNode) deployment.at("/metadata/annotations")).remove("meta.helm.sh/release-name");
        ((ObjectNode) deployment.at("/metadata/labels")).remove("app.kubernetes.io/instance");
        RenderRun run = RenderRun.of(stream(deployment), "--release=orders");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("name: orders-migrate-72f8bdd166", "hookwright.dev/migrations: rendered");
    }

    @Test
    void rendersAJsonStreamAndAYamlStreamAlike() throws Exception {
        ObjectNode deployment = reference();
        RenderRun json = RenderRun.of(deployment.toString());
        assertThat(json.exit()).as(json.stderr()).isZero();
        assertThat(json.stdout()).startsWith(deployment.toString().replace("\"hookwright.dev/migrations\":\"enabled\"",
                "\"hookwright.dev/migrations\":\"rendered\"")).contains("\n---\napiVersion: batch/v1\nkind: Job\n");
        RenderRun tabs = RenderRun.of(deployment.toPrettyString().replace("  ", "\t"));
        assertThat(tabs.exit()).as(tabs.stderr()).isZero();
        assertThat(tabs.stdout()).contains("\t\"hookwright.dev/migrations\" : \"rendered\"", "name: shop-migrate-72f8bdd166");
        RenderRun yaml = RenderRun.of(stream(deployment));
        String jobs = yaml.stdout().substring(yaml.stdout().indexOf("---\napiVersion: batch/v1"));
        assertThat(json.stdout()).endsWith(jobs);
    }

    @Test
    void writesNonAsciiTextAndCrlfLineBreaksBackUnchanged() throws Exception {
        String before = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: greeting\r\ndata:\r\n  text: \"h\u00e9llo \uD83D\uDE80\"\r\n---\r\n";
        ObjectNode deployment = reference();
        RenderRun run = RenderRun.of(before + stream(deployment).substring(CONFIG_MAP.length()));
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith(before).contains("hookwright.dev/migrations: rendered",
                "name: shop-migrate-72f8bdd166");
    }
}
