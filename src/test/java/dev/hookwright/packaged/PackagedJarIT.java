package dev.hookwright.packaged;

import dev.hookwright.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar as a user would ({@code java -jar target/quarkus-app/quarkus-run.jar})
 * and gets TLS answers from it, so a jar that builds but does not start cannot pass.
 */
class PackagedJarIT {
    private static final int PORT = freePort();
    private static final int MANAGEMENT_PORT = freePort();
    private static Process server;
    private static Path log;
    private static HttpClient client;
    private static long startMillis;

    @BeforeAll
    static void startTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("hookwright.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).exists();
        log = Files.createTempFile("hookwright-jar", ".log");
        startMillis = System.currentTimeMillis();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-XX:+UseSerialGC", "-Xmx256m", "-jar",
                jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HOOKWRIGHT_TLS_CERT", TestCertificates.cert().toString());
        builder.environment().put("HOOKWRIGHT_TLS_KEY", TestCertificates.key().toString());
        builder.environment().put("QUARKUS_HTTP_SSL_PORT", Integer.toString(PORT));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT));
        // No cluster: the controller must stay off and say so, not fail the start.
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
        server = builder.start();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TestCertificates.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stopTheJar() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void answersAnAdmissionReviewOverTlsAndReportsReady() throws Exception {
        HttpResponse<String> answer = awaitFirstAnswer();
        System.out.printf("packaged jar: first TLS answer %d ms after launch%n", System.currentTimeMillis() - startMillis);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"uid\":\"7f0e5a4c-0001-4d6e-9a51-reference\"", "\"patchType\":\"JSONPatch\"");

        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + MANAGEMENT_PORT + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("tls-listener", "\"UP\"");
        assertThat(server.isAlive()).isTrue();
    }

    private static HttpResponse<String> awaitFirstAnswer() throws Exception {
        String review = reviewJson();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + PORT + "/mutate?timeout=10s"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(review)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the jar gave no TLS answer; its log:\n" + Files.readString(log), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Free now; another build on the machine could take it before the jar does, which is rare and loud. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reviewJson() {
        return dev.hookwright.testing.Fixtures.read("mutate/reference-chart.yaml").get("review").toString();
    }
}
