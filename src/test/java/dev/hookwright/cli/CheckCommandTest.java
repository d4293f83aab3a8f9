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
                1 object, 1 job, 0 errors, 0 warnings
                """);
    }

    @Test
    void exitsOneWithTheFindingLinesWhenOneIsAnError() {
        CheckRun run = CheckRun.of(DEPLOYMENT.replace("\"hookwright.dev/command\"", "\"hookwright.dev/weight\":\"ten\",\"hookwright.dev/command\""));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).contains("Deployment shop/shop-web: skip\n",
                "  error   annotation: hookwright.dev/weight: \"ten\" is not accepted; write an integer\n",
                "1 object, 0 jobs, 1 error, 0 warnings");
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
        CheckRun run = CheckRun.of(new byte[CheckCommand.MAX_BYTES + 1]);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("larger than the 8 MiB limit");
    }
}
