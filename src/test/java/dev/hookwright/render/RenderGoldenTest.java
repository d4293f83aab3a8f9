package dev.hookwright.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestReader;
import dev.hookwright.testing.CheckRun;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden streams through {@code hookwright render}: {@code src/test/resources/render/<case>.yaml}
 * in, {@code render/expected/<case>.yaml} out, byte for byte (rewrite with
 * {@code -Dgolden.update=true}, then read the diff). Beyond the pinned text, every case checks
 * what the output promises: the input's text survives byte for byte once the added Jobs are
 * taken out and the opt-in label is turned back; every input object is still there, in order;
 * each added Job passes the strict Job schema; and {@code check} finds no error in the result.
 */
class RenderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/render");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("helm-post-render", List.of(), Set.of("shop-migrate-3", "shop-seed-3")),
                Arguments.of("namespaces", List.of("--namespace", "shop"),
                        Set.of("shop-worker-migrate-0b24eaf10f", "shop-migrate-72f8bdd166")),
                Arguments.of("list", List.of(), Set.of("shop-migrate-7")),
                Arguments.of("argocd", List.of("--dialect", "argocd"), Set.of("shop-migrate-9af7a2be65", "shop-seed-9af7a2be65")),
                Arguments.of("untouched", List.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheGoldenStream(String name, List<String> args, Set<String> added) throws IOException {
        String input = Files.readString(DIR.resolve(name + ".yaml"));
        RenderRun run = RenderRun.of(input, args.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();

        Path expected = DIR.resolve("expected/" + name + ".yaml");
        if (UPDATE || !Files.exists(expected)) {
            Files.writeString(expected, run.stdout());
        }
        assertThat(run.stdout()).as("golden file %s (rewrite with -Dgolden.update=true)", expected)
                .isEqualTo(Files.readString(expected));

        List<Manifest> in = ManifestReader.read(input.getBytes(StandardCharsets.UTF_8));
        List<Manifest> out = ManifestReader.read(run.stdout().getBytes(StandardCharsets.UTF_8));
        List<Manifest> jobs = out.stream().filter(m -> added.contains(m.name()) && "Job".equals(m.kind())).toList();
        assertThat(jobs).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(added);
        for (Manifest job : jobs) {
            Schemas.assertValidJob(job.object());
        }

        // Every input object, in order, the opt-in label the only change.
        List<JsonNode> kept = out.stream().filter(m -> !jobs.contains(m)).map(m -> (JsonNode) m.object()).toList();
        assertThat(kept).containsExactlyElementsOf(in.stream().map(RenderGoldenTest::asRendered).toList());

        // Byte for byte: take the added Jobs' documents out, turn the label back.
        assertThat(withoutAddedJobs(run.stdout(), added).replace("hookwright.dev/migrations: rendered",
                "hookwright.dev/migrations: enabled").replace("hookwright.dev/migrations: \"rendered\"",
                "hookwright.dev/migrations: \"enabled\"").replace("hookwright.dev/migrations: 'rendered'",
                "hookwright.dev/migrations: 'enabled'")).isEqualTo(input);

        if (!args.contains("argocd")) {
            CheckRun check = CheckRun.of(run.stdout());
            assertThat(check.exit()).as(check.stdout()).isZero();
        }
    }

    /** The object as render writes it: an opted-in Deployment's label reads {@code rendered}. */
    private static JsonNode asRendered(Manifest manifest) {
        ObjectNode copy = manifest.object().deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if ("Deployment".equals(manifest.kind()) && "enabled".equals(labels.path("hookwright.dev/migrations").asText())) {
            ((ObjectNode) labels).put("hookwright.dev/migrations", "rendered");
        }
        return copy;
    }

    /** The text with each document that is one of the added Jobs cut out (documents split at {@code ---} lines). */
    private static String withoutAddedJobs(String text, Set<String> added) {
        List<String> documents = new ArrayList<>();
        int start = 0;
        java.util.regex.Matcher marker = java.util.regex.Pattern.compile("(?m)^---(?=\\s|$)").matcher(text);
        while (marker.find()) {
            if (marker.start() > 0) {
                documents.add(text.substring(start, marker.start()));
                start = marker.start();
            }
        }
        documents.add(text.substring(start));
        return documents.stream()
                .filter(document -> !(document.startsWith("---\napiVersion: batch/v1\nkind: Job\n")
                        && added.stream().anyMatch(name -> document.contains("\n  name: " + name + "\n"))))
                .collect(Collectors.joining());
    }
}
