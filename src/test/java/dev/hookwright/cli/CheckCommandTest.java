package dev.hookwright.cli;

import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookwright check}: outputs, exit codes and bad input, as a CI job sees them. */
class CheckCommandTest {
    private static final String DEPLOYMENT = Fixtures.read("mutate/reference-chart.yaml")
            .at("/review/request/object").toString();

    @Test
    void printsOneLinePerObjectAndASummaryAndExitsZero() {
        CheckRun run = CheckRun.of(DEPLOYMENT);
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                Deployment shop/shop-web: inject shop-migrate-72f8bdd166
                1 object, 1 Job synthesized, 0 hook Jobs checked, 0 errors, 0 warnings
                """);
    }

    @Test
    void exitsOneWithTheFindingLinesWhenOneIsAnError() {
        CheckRun run = CheckRun.of(DEPLOYMENT.replace("\"hookwright.dev/command\"", "\"hookwright.dev/weight\":\"ten\",\"hookwright.dev/command\""));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).contains("Deployment shop/shop-web: skip\n",
                "  error   annotation: hookwright.dev/weight: \"ten\" is not accepted; write an integer\n",
                "1 object, 0 Jobs synthesized, 0 hook Jobs checked, 1 error, 0 warnings");
    }

    /** A Rails-style chart: a hook Job with a fixed name, a deadline, and Helm's --timeout of 10 minutes. */
    private static final String FIXED_NAME_HOOK = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migration-job
              labels: {app.kubernetes.io/instance: shop}
              annotations:
                helm.sh/hook: pre-upgrade
                helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
            spec:
              backoffLimit: 1
              activeDeadlineSeconds: 500
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: "shop:1", command: [bundle, exec, rails, "db:migrate"]}]
            """;

    @Test
    void takesHelmsTimeoutAndTheNamingPolicyFromTheCommandLine() {
        CheckRun shipped = CheckRun.of(FIXED_NAME_HOOK);
        assertThat(shipped.exit()).isEqualTo(1);
        assertThat(shipped.stdout()).contains("error   naming: metadata.name is \"migration-job\", without release",
                "warning deadline-vs-timeout: spec.activeDeadlineSeconds is 500, so Helm's --timeout of 300s",
                "1 object, 0 Jobs synthesized, 1 hook Job checked, 1 error, 1 warning");

        CheckRun tuned = CheckRun.of(FIXED_NAME_HOOK, "--helm-timeout", "10m", "--naming", "off");
        assertThat(tuned.exit()).isZero();
        assertThat(tuned.stdout()).endsWith("1 object, 0 Jobs synthesized, 1 hook Job checked, 0 errors, 0 warnings\n");
        assertThat(CheckRun.of(FIXED_NAME_HOOK, "--helm-timeout", "8m49s", "--naming", "off").stdout())
                .contains("Helm's --timeout of 529s ends first");
        assertThat(CheckRun.of(FIXED_NAME_HOOK, "--helm-timeout", "1h30m", "--naming", "strict").stdout())
                .contains("error   naming: metadata.name is \"migration-job\" but release \"shop\" names it");
    }

    @Test
    void refusesABadTimeoutOrNamingPolicyWithExitTwo() {
        for (String bad : new String[] {"600", "10 m", "m", "-5s", "0s", "ten minutes", "1.5.2s"}) {
            CheckRun run = CheckRun.of(FIXED_NAME_HOOK, "--helm-timeout", bad);
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.stderr()).as(bad).contains("--helm-timeout", "e.g. 300s, 10m or 1h30m");
        }
        CheckRun naming = CheckRun.of(FIXED_NAME_HOOK, "--naming", "loose");
        assertThat(naming.exit()).isEqualTo(2);
        assertThat(naming.stderr()).contains("--naming \"loose\"", "release-scoped, strict or off");
    }

    @Test
    void listsTheNewOptionsInItsHelp() {
        CheckRun help = CheckRun.of("", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("--helm-timeout=DURATION", "600s", "--naming=POLICY",
                "release-scoped", "--release=R");
    }

    @Test
    void tellsHowToPassTheReleaseWhenNoneIsFound() {
        String withoutRelease = DEPLOYMENT.replace("\"meta.helm.sh/release-name\"", "\"x-release\"")
                .replace("\"app.kubernetes.io/instance\"", "\"x-instance\"");
        CheckRun run = CheckRun.of(withoutRelease);
        assertThat(run.stdout()).contains("warning release: ", "hookwright check --release NAME");
        assertThat(CheckRun.of(withoutRelease, "--release", "shop").stdout()).contains("inject shop-migrate-");
    }

    @Test
    void writesTheReportAsJson() {
        CheckRun run = CheckRun.of(DEPLOYMENT, "-o", "json");
        assertThat(run.stdout()).contains("\"summary\"", "\"action\" : \"inject\"");
    }

    @Test
    void writesTheJobsAsYamlAndTheTextReportToStandardError() {
        CheckRun run = CheckRun.of(DEPLOYMENT, "-o", "yaml");
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).startsWith("---\napiVersion: batch/v1\nkind: Job\n");
        assertThat(run.stderr()).contains("Deployment shop/shop-web: inject");
    }

    @Test
    void readsAFileGivenWithFOrAsAnArgument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifests.yaml");
        Files.writeString(file, DEPLOYMENT);
        assertThat(CheckRun.of("", "-f", file.toString()).exit()).isZero();
        assertThat(CheckRun.of("", file.toString()).exit()).isZero();
        assertThat(CheckRun.of(DEPLOYMENT, "-").exit()).isZero();
    }

    @Test
    void exitsTwoForBadInputWithAClearMessage(@TempDir Path dir) {
        CheckRun malformed = CheckRun.of("apiVersion: v1\nkind: [\n");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.stderr()).startsWith("hookwright check: standard input: line ");

        CheckRun empty = CheckRun.of("");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stderr()).contains("no Kubernetes object");

        CheckRun missing = CheckRun.of("", "-f", dir.resolve("absent.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("absent.yaml: no such file");

        CheckRun unknownOption = CheckRun.of("", "--bogus");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.stderr()).contains("Unknown option: '--bogus'", "Usage: hookwright check");

        CheckRun badFormat = CheckRun.of(DEPLOYMENT, "-o", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.stderr()).contains("xml");

        assertThat(malformed.stderr() + empty.stderr() + missing.stderr()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void refusesInputOverTheBodyLimit() {
        CheckRun run = CheckRun.of(new byte[dev.hookwright.core.InputLimits.MAX_INPUT_BYTES + 1]);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("larger than the 8 MiB limit");
    }
}
