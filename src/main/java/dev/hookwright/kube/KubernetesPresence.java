package dev.hookwright.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whether this process has any Kubernetes configuration at all, the way the fabric8 client
 * looks for one: an explicit API server URL, the in-cluster service environment, or a
 * kubeconfig. Without one (a laptop running {@code make run}) the controller stays off.
 */
public final class KubernetesPresence {
    private KubernetesPresence() {
    }

    /**
     * @param apiServerUrl {@code quarkus.kubernetes-client.api-server-url}
     * @param env          environment variables
     * @param properties   system properties
     * @param exists       whether a file exists
     * @return where the configuration comes from, or empty when there is none
     */
    public static Optional<String> source(Optional<String> apiServerUrl, Function<String, String> env,
            Function<String, String> properties, Predicate<Path> exists) {
        if (apiServerUrl.filter(url -> !url.isBlank()).isPresent()) {
            return Optional.of("quarkus.kubernetes-client.api-server-url");
        }
        if (present(properties.apply("kubernetes.master"))) {
            return Optional.of("system property kubernetes.master");
        }
        if (present(env.apply("KUBERNETES_MASTER"))) {
            return Optional.of("KUBERNETES_MASTER");
        }
        if (present(env.apply("KUBERNETES_SERVICE_HOST"))) {
            return Optional.of("in-cluster service account (KUBERNETES_SERVICE_HOST)");
        }
        String kubeconfig = Optional.ofNullable(properties.apply("kubeconfig")).orElse(env.apply("KUBECONFIG"));
        if (present(kubeconfig)) {
            Optional<String> file = Arrays.stream(kubeconfig.split(java.io.File.pathSeparator))
                    .filter(p -> !p.isBlank()).filter(p -> exists.test(Path.of(p))).findFirst();
            if (file.isPresent()) {
                return Optional.of("kubeconfig " + file.get());
            }
        }
        String home = properties.apply("user.home");
        if (present(home) && exists.test(Path.of(home, ".kube", "config"))) {
            return Optional.of("kubeconfig ~/.kube/config");
        }
        return Optional.empty();
    }

    /** The same, for this process. */
    public static Optional<String> source(Optional<String> apiServerUrl) {
        Map<String, String> env = System.getenv();
        return source(apiServerUrl, env::get, System::getProperty, Files::isRegularFile);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
