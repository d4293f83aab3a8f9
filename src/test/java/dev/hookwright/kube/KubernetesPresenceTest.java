package dev.hookwright.kube;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesPresenceTest {
    private static final Map<String, String> HOME = Map.of("user.home", "/home/dev");

    private static Optional<String> source(Optional<String> url, Map<String, String> env, Map<String, String> properties,
            String... existingFiles) {
        return KubernetesPresence.source(url, env::get, properties::get,
                path -> java.util.Arrays.stream(existingFiles).map(Path::of).anyMatch(path::equals));
    }

    @Test
    void findsNothingOnALaptopWithoutKubeconfig() {
        assertThat(source(Optional.empty(), Map.of(), HOME)).isEmpty();
    }

    @Test
    void findsTheInClusterServiceAccount() {
        assertThat(source(Optional.empty(), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), HOME)).get().asString()
                .contains("KUBERNETES_SERVICE_HOST");
    }

    @Test
    void findsAKubeconfigInTheHomeDirectoryOrNamedByKubeconfig() {
        assertThat(source(Optional.empty(), Map.of(), HOME, "/home/dev/.kube/config")).isPresent();
        assertThat(source(Optional.empty(), Map.of("KUBECONFIG", "/nope:/etc/k.yaml"), HOME, "/etc/k.yaml"))
                .contains("kubeconfig /etc/k.yaml");
        assertThat(source(Optional.empty(), Map.of("KUBECONFIG", "/nope"), HOME)).isEmpty();
    }

    @Test
    void findsAnExplicitApiServerUrl() {
        assertThat(source(Optional.of("https://api:6443"), Map.of(), HOME)).isPresent();
        assertThat(source(Optional.empty(), Map.of(), Map.of("kubernetes.master", "https://127.0.0.1:1"))).isPresent();
        assertThat(source(Optional.of(" "), Map.of(), HOME)).isEmpty();
    }
}
