package dev.hookwright.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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

    /** Runs {@code action} with {@code kubeconfig} as the kubeconfig, then restores the previous setting. */
    static <T> T with(Path kubeconfig, Supplier<T> action) {
        String previous = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, kubeconfig.toString());
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, previous);
            }
        }
    }

    /** A port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
