package dev.hookwright.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Kubeconfig files for the tests that go through the real kubeconfig resolution. */
final class Kubeconfigs {
    /** fabric8 reads the kubeconfig path from this system property before the KUBECONFIG variable. */
    private static final String PROPERTY = "kubeconfig";

    private Kubeconfigs() {
    }

    static String pointingAt(String server, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                contexts:
                  - name: test
                    context:
                      cluster: test
                      user: test
                      namespace: %s
                current-context: test
                users:
                  - name: test
                    user:
                      token: not-a-secret
                """.formatted(server, namespace);
    }

    /**
     * Runs {@code action} with {@code kubeconfig} as the only source of configuration, then
     * restores the system properties. fabric8 lets {@code kubernetes.*} system properties (such
     * as {@code kubernetes.master}, left by a test API server of another test in this JVM)
     * override the kubeconfig, so they are set aside meanwhile.
     */
    static <T> T with(Path kubeconfig, Supplier<T> action) {
        Map<String, String> saved = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("kubernetes.") || name.equals(PROPERTY)) {
                saved.put(name, System.getProperty(name));
                System.clearProperty(name);
            }
        }
        System.setProperty(PROPERTY, kubeconfig.toString());
        try {
            return action.get();
        } finally {
            System.clearProperty(PROPERTY);
            saved.forEach(System::setProperty);
        }
    }

    /** A port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
