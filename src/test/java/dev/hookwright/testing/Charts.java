package dev.hookwright.testing;

import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Renders the repository's charts with a real Helm, in-process (helm-java). */
public final class Charts {
    public static final Path SUPERNOVA = Path.of("deploy/examples/supernova-server");
    /** {@code helm template} assumes an old cluster (v1.20) unless told; the charts require 1.30. */
    public static final String KUBE_VERSION = "1.31.0";
    private static final String HOOK_KEY = "helm.sh/hook";
    private static final String STAND_IN = "hookwright.test/hook";

    private Charts() {
    }

    public static String template(Path chart, String release, String namespace, Path valuesFile, Map<String, Object> set) {
        var command = new Helm(chart).template().withName(release).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(chart.resolve(valuesFile).toAbsolutePath());
        }
        for (Map.Entry<String, Object> entry : set.entrySet()) {
            command = command.set(entry.getKey(), entry.getValue());
        }
        return command.call();
    }

    /**
     * What the {@code helm template} command prints, hooks included. helm-java's template
     * returns the release manifest only and drops hooks (its issue #416), so the chart is
     * rendered from a copy whose templates spell the hook annotations with a stand-in key,
     * which is turned back afterwards. Everything else — values, conditionals, helpers — is
     * Helm's own rendering.
     */
    public static String templateWithHooks(Path chart, String release, String namespace, Path valuesFile,
            Map<String, Object> set) {
        Path copy = copyWithStandInHookKeys(chart);
        try {
            Path values = valuesFile == null ? null : chart.resolve(valuesFile).toAbsolutePath();
            return template(copy, release, namespace, values, set).replace(STAND_IN, HOOK_KEY);
        } finally {
            delete(copy);
        }
    }

    private static Path copyWithStandInHookKeys(Path chart) {
        try {
            Path copy = Files.createTempDirectory("chart");
            try (Stream<Path> files = Files.walk(chart)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(chart.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.startsWith(chart.resolve("templates"))) {
                        Files.writeString(target, Files.readString(source).replace(HOOK_KEY, STAND_IN));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
