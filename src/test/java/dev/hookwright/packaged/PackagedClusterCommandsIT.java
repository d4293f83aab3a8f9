package dev.hookwright.packaged;

import dev.hookwright.core.Keys;
import dev.hookwright.testing.Deployments;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} and {@code explain} from the packaged jar, as a user runs them: they find the
 * cluster through {@code KUBECONFIG}, answer and exit without starting the server.
 */
@EnableKubernetesMockClient(crud = true)
class PackagedClusterCommandsIT {
    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    private record Exit(int code, String out, String err) {
    }

    private Exit hookwright(Path kubeconfig, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("hookwright.jar", "target/quarkus-app/quarkus-run.jar"));
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command exits by itself").isTrue();
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path kubeconfig(String server, String namespace) throws IOException {
        Path file = dir.resolve("kubeconfig-" + namespace);
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                contexts:
                  - name: test
                    context: {cluster: test, user: test, namespace: %s}
                current-context: test
                users:
                  - name: test
                    user: {token: not-a-secret}
                """.formatted(server, namespace));
        return file;
    }

    @Test
    void statusAndExplainReadTheClusterOfTheKubeconfig() throws Exception {
        client.apps().deployments().inNamespace("shop").resource(Deployments.optedIn("shop", "web", "shop:1")
                .editMetadata().addToAnnotations(Keys.MIGRATION_STATUS, "shop-migrate-1 Failed").endMetadata().build())
                .create();
        Path config = kubeconfig(client.getMasterUrl().toString(), "shop");

        Exit status = hookwright(config, "status");
        assertThat(status.err()).doesNotContain("Exception");
        assertThat(status.out()).startsWith("NAMESPACE   NAME   RELEASE   JOB              PHASE    AGE   MESSAGE\n")
                .contains("shop        web    shop      shop-migrate-1   Failed");
        assertThat(status.code()).as("a failed migration").isEqualTo(1);

        Exit explain = hookwright(config, "explain", "deployment/web");
        assertThat(explain.out()).contains("Verdict:     FAILED: the migration Job shop-migrate-1 failed");
        assertThat(explain.code()).isEqualTo(1);
    }

    @Test
    void exitsTwoWhenNoApiServerAnswers() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Exit status = hookwright(kubeconfig("https://127.0.0.1:" + closed, "shop"), "status", "-A");
        assertThat(status.code()).isEqualTo(2);
        assertThat(status.err()).startsWith("hookwright status: cannot list Deployments: no answer from the API server")
                .doesNotContain("\tat ");
    }

    @Test
    void printsHelpWithoutACluster() throws Exception {
        Exit help = hookwright(dir.resolve("missing"), "explain", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: hookwright explain", "Exit status:");
    }
}
