package dev.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.testing.Charts;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Schemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launchers as users and tools run them, against the packaged jar: {@code bin/hookwright}
 * for any subcommand, the Helm 4 plugin's command as Helm starts it (its directory a link into
 * the checkout, {@code HELM_PLUGIN_DIR} set, no hookwright on PATH), and the Argo CD plugin's
 * {@code generate} script with a stand-in {@code helm} that prints what the real one renders.
 */
class RenderLaunchersIT {
    private static final Path LAUNCHER = Path.of("bin/hookwright").toAbsolutePath();
    private static final Path HELM_PLUGIN = Path.of("deploy/helm-plugin/hookwright").toAbsolutePath();
    private static final Path ARGOCD_PLUGIN = Path.of("deploy/argocd/plugin.yaml").toAbsolutePath();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static String deployment;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void theJarIsBuilt() throws Exception {
        assertThat(Path.of(System.getProperty("hookwright.jar", "target/quarkus-app/quarkus-run.jar"))).exists();
        deployment = YAML.writeValueAsString(Fixtures.read("mutate/reference-chart.yaml").at("/review/request/object"));
    }

    private static Run run(List<String> command, Map<String, String> env, String stdin, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("HOOKWRIGHT_JAR");
        builder.environment().remove("HOOKWRIGHT");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theLauncherRunsEverySubcommandAndKeepsItsExitStatus(@TempDir Path dir) throws Exception {
        Run rendered = run(List.of(LAUNCHER.toString(), "render"), Map.of(), deployment, dir);
        assertThat(rendered.exit()).as(rendered.stderr()).isZero();
        assertThat(rendered.stdout()).contains("hookwright.dev/migrations: \"rendered\"", "name: shop-migrate-72f8bdd166",
                "helm.sh/hook: \"post-install,post-upgrade\"");

        Run refused = run(List.of(LAUNCHER.toString(), "render"), Map.of(),
                deployment.replace("hookwright.dev/command:", "hookwright.dev/weight: \"ten\"\n    hookwright.dev/command:"), dir);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).isEqualTo("hookwright: hookwright.dev/weight: \"ten\" is not accepted; write an integer\n");

        Run empty = run(List.of(LAUNCHER.toString(), "render", "-f", "-"), Map.of(), "", dir);
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stdout()).isEmpty();

        Run checked = run(List.of(LAUNCHER.toString(), "check", "-"), Map.of(), deployment, dir);
        assertThat(checked.exit()).as(checked.stderr()).isZero();
        assertThat(checked.stdout()).contains("Deployment shop/shop-web: inject shop-migrate-72f8bdd166");

        Run help = run(List.of(LAUNCHER.toString(), "--help"), Map.of(), "", dir);
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("render");
    }

    @Test
    void theLauncherFindsTheJarThroughALinkAndSaysWhenJavaOrTheJarIsMissing(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("hookwright"), LAUNCHER);
        Run linked = run(List.of(link.toString(), "render"), Map.of(), deployment, dir);
        assertThat(linked.exit()).as(linked.stderr()).isZero();
        assertThat(linked.stdout()).contains("name: shop-migrate-72f8bdd166");

        Run noJava = run(List.of(LAUNCHER.toString(), "render"), Map.of("JAVA", dir.resolve("no-java").toString()),
                deployment, dir);
        assertThat(noJava.exit()).isEqualTo(127);
        assertThat(noJava.stderr()).contains("no Java found");

        Run noJar = run(List.of(LAUNCHER.toString(), "render"), Map.of("HOOKWRIGHT_JAR", dir.resolve("absent.jar").toString()),
                deployment, dir);
        assertThat(noJar.exit()).isEqualTo(127);
        assertThat(noJar.stderr()).contains("no quarkus-run.jar found");
    }

    @Test
    void theHelmPluginIsAPostRendererWhoseCommandRendersAsHelmStartsIt(@TempDir Path dir) throws Exception {
        JsonNode plugin = YAML.readTree(HELM_PLUGIN.resolve("plugin.yaml").toFile());
        assertThat(plugin.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(plugin.path("type").asText()).isEqualTo("postrenderer/v1");
        assertThat(plugin.path("runtime").asText()).isEqualTo("subprocess");
        assertThat(plugin.path("name").asText()).isEqualTo("hookwright").matches("[A-Za-z0-9_-]+");
        assertThat(plugin.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        JsonNode commands = plugin.at("/runtimeConfig/platformCommand");
        assertThat(commands).hasSize(1);
        String command = commands.get(0).path("command").asText();
        assertThat(command).isEqualTo("${HELM_PLUGIN_DIR}/render");

        // `helm plugin install <dir>` links the plugin into $HELM_DATA_HOME/plugins; Helm expands the command and appends
        // --post-renderer-args, with a PATH that need not hold hookwright.
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path installed = Files.createSymbolicLink(plugins.resolve("hookwright"), HELM_PLUGIN);
        String expanded = command.replace("${HELM_PLUGIN_DIR}", installed.toString());
        Map<String, String> helmEnv = Map.of("HELM_PLUGIN_DIR", installed.toString(), "HELM_PLUGIN_NAME", "hookwright",
                "PATH", "/usr/bin:/bin");
        String unreleased = deployment.replaceAll("(?m)^ *(meta.helm.sh/release-name|app.kubernetes.io/instance): .*\n", "");
        assertThat(unreleased).doesNotContain("release-name:", "instance:");
        Run rendered = run(List.of(expanded, "--release=orders"), helmEnv, unreleased, dir);
        assertThat(rendered.exit()).as(rendered.stderr()).isZero();
        assertThat(rendered.stdout()).contains("name: orders-migrate-72f8bdd166");

        Run refused = run(List.of(expanded), helmEnv, unreleased, dir);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).contains("names no release");

        Run nowhere = run(List.of(HELM_PLUGIN.resolve("render").toString()),
                Map.of("HELM_PLUGIN_DIR", dir.toString(), "PATH", "/usr/bin:/bin"), unreleased, dir);
        assertThat(nowhere.exit()).isEqualTo(127);
        assertThat(nowhere.stderr()).contains("no hookwright found");
    }

    @Test
    void theArgoCdPluginsGenerateScriptWritesArgoHooks(@TempDir Path dir) throws Exception {
        JsonNode plugin = YAML.readTree(ARGOCD_PLUGIN.toFile());
        assertThat(plugin.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(plugin.path("kind").asText()).isEqualTo("ConfigManagementPlugin");
        List<String> generate = new ArrayList<>();
        plugin.at("/spec/generate/command").forEach(part -> generate.add(part.asText()));
        plugin.at("/spec/generate/args").forEach(part -> generate.add(part.asText()));
        assertThat(String.join(" ", generate)).contains("helm template", "hookwright render --dialect argocd");

        // Stand-ins on PATH: `helm` prints what the real Helm renders for the example chart; `hookwright` is the launcher.
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path rendered = dir.resolve("rendered.yaml");
        Files.writeString(rendered, Charts.templateWithHooks(Charts.SUPERNOVA, "shop", "shop",
                Path.of("values-hookwright.example.yaml"), Map.of("hookwright.when", "pre")));
        Path args = dir.resolve("helm-args");
        script(bin.resolve("helm"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\n"
                + "[ \"$1\" = template ] || exit 9\ncat '" + rendered + "'\n");
        Files.createSymbolicLink(bin.resolve("hookwright"), LAUNCHER);
        Path source = Files.createDirectory(dir.resolve("chart"));
        Map<String, String> argo = Map.of("PATH", bin + ":/usr/bin:/bin", "ARGOCD_APP_NAME", "shop",
                "ARGOCD_APP_NAMESPACE", "shop", "KUBE_VERSION", "1.31", "ARGOCD_ENV_HELM_ARGS", "-f values-prod.yaml");

        Run run = run(generate, argo, "", source);
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(Files.readAllLines(args)).containsExactly("template", "shop", ".", "--namespace", "shop",
                "--kube-version", "1.31", "-f", "values-prod.yaml");
        List<JsonNode> jobs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout()).readAll().stream()
                .filter(document -> "Job".equals(document.path("kind").asText())).toList();
        assertThat(jobs).hasSize(1);
        Schemas.assertValidJob(jobs.get(0));
        assertThat(jobs.get(0).at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("PreSync");

        // A failed `helm template` fails the generation instead of syncing nothing.
        script(bin.resolve("helm"), "#!/bin/sh\necho 'Error: chart broken' >&2\nexit 1\n");
        Run broken = run(generate, argo, "", source);
        assertThat(broken.exit()).isNotZero();
        assertThat(broken.stdout()).isEmpty();
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
