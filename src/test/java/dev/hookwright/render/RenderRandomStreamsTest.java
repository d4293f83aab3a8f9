package dev.hookwright.render;

import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random streams (comments, quoting styles, {@code --- # comment} markers, empty
 * documents, block scalars, CRLF, Lists, namespaces or none) through {@code render}: the input
 * comes back byte for byte once the added Jobs are taken out and the label is turned back, and
 * each Deployment's Jobs follow it directly. Replay a failure with {@code -Drender.seed=<seed>}.
 */
class RenderRandomStreamsTest {
    private static final int STREAMS = 100;
    private static final Pattern MARKER = Pattern.compile("(?m)^---(?=[ \\t\\r\\n]|$)");
    private static final String[] QUOTES = {"", "'", "\""};

    @Test
    void everyRandomStreamComesBackByteForByteWithTheJobsAfterTheirDeployments() {
        long base = Long.getLong("render.seed", System.nanoTime());
        int streams = Long.getLong("render.seed") == null ? STREAMS : 1;
        for (int n = 0; n < streams; n++) {
            long seed = base + n;
            try {
                check(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                fail("stream of seed " + seed + " (replay: -Drender.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private static void check(Random random) {
        String newline = random.nextInt(5) == 0 ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder();
        List<String> deployments = new ArrayList<>(); // one entry per Job expected
        int documents = 1 + random.nextInt(8);
        if (random.nextBoolean()) {
            text.append("# leading comment").append(newline);
        }
        for (int d = 0; d < documents; d++) {
            if (d > 0 || random.nextBoolean()) {
                text.append(random.nextInt(3) == 0 ? "--- # document " + d : "---").append(newline);
            }
            if (random.nextInt(6) == 0) {
                text.append("# an empty document").append(newline).append("---").append(newline);
            }
            switch (random.nextInt(4)) {
                case 0 -> text.append(configMap(random, d, "", newline));
                case 1 -> text.append("apiVersion: v1").append(newline).append("kind: List").append(newline)
                        .append("items:").append(newline).append(indent(configMap(random, d, "", newline), newline))
                        .append(random.nextBoolean() ? indent(deployment(random, d, deployments, newline), newline) : "");
                default -> text.append(deployment(random, d, deployments, newline));
            }
        }
        String input = text.toString();
        RenderRun run = RenderRun.of(input);
        assertThat(run.exit()).as("%s%n%s", run.stderr(), input).isZero();

        List<String> out = split(run.stdout());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            String document = out.get(i);
            if (document.startsWith("---\napiVersion: batch/v1\nkind: Job\n")) {
                String previous = kept.isEmpty() ? "" : kept.get(kept.size() - 1);
                String name = document.substring(document.indexOf("name: ") + 6, document.indexOf('\n', document.indexOf("name: ")));
                String release = name.replaceFirst("-(migrate|seed)-[0-9a-f]+$", "");
                assertThat(previous).as("the document before Job %s", name).contains("instance: " + release);
            } else {
                kept.add(document);
            }
        }
        String restored = String.join("", kept);
        for (String quote : QUOTES) {
            restored = restored.replace("hookwright.dev/migrations: " + quote + "rendered" + quote,
                    "hookwright.dev/migrations: " + quote + "enabled" + quote);
        }
        assertThat(restored).isEqualTo(input);
        List<Manifest> jobs = ManifestReader.read(run.stdout().getBytes(StandardCharsets.UTF_8)).stream()
                .filter(m -> "Job".equals(m.kind())).toList();
        assertThat(jobs).hasSize(deployments.size());
    }

    private static String configMap(Random random, int d, String unused, String nl) {
        String note = random.nextBoolean() ? "  note: |" + nl + "    ---" + nl + "    not a marker: it is indented" + nl
                : "  note: \"--- quoted\" # a comment" + nl;
        return "apiVersion: v1" + nl + "kind: ConfigMap" + nl + "metadata:" + nl + "  name: config-" + d + nl
                + (random.nextBoolean() ? "  namespace: shop" + nl : "")
                + "  labels:" + nl + "    hookwright.dev/migrations: \"disabled\"" + nl + "data:" + nl + note;
    }

    private static String deployment(Random random, int d, List<String> deployments, String nl) {
        String quote = QUOTES[random.nextInt(QUOTES.length)];
        String release = "release-" + d;
        boolean seed = random.nextBoolean();
        deployments.add(release);
        if (seed) {
            deployments.add(release + " seed");
        }
        return "apiVersion: apps/v1" + nl + "kind: Deployment" + nl + "metadata:" + nl
                + "  name: web-" + d + (random.nextBoolean() ? "   # trailing comment" : "") + nl
                + (random.nextBoolean() ? "  namespace: shop" + nl : "")
                + "  labels:" + nl + "    app.kubernetes.io/instance: " + release + nl
                + "    hookwright.dev/migrations: " + quote + "enabled" + quote + (random.nextBoolean() ? " # opt-in" : "") + nl
                + "  annotations:" + nl + "    hookwright.dev/command: '[\"migrate\"]'" + nl
                + (seed ? "    hookwright.dev/seed-command: '[\"seed\"]'" + nl : "")
                + "spec:" + nl + "  selector: {matchLabels: {app: web-" + d + "}}" + nl
                + "  template:" + nl + "    metadata: {labels: {app: web-" + d + "}}" + nl
                + "    spec:" + nl + "      containers: [{name: web, image: \"example.com/web:" + d + "\"}]" + nl;
    }

    /** A document as an item of a List: {@code - } before its first line, two spaces before the others. */
    private static String indent(String document, String nl) {
        String[] lines = document.split(Pattern.quote(nl));
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            item.append(i == 0 ? "  - " : "    ").append(lines[i]).append(nl);
        }
        return item.toString();
    }

    private static List<String> split(String text) {
        List<String> documents = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        int start = 0;
        while (marker.find()) {
            if (marker.start() > 0) {
                documents.add(text.substring(start, marker.start()));
                start = marker.start();
            }
        }
        documents.add(text.substring(start));
        return documents;
    }
}
