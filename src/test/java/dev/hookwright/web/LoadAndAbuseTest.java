package dev.hookwright.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import dev.hookwright.testing.TestCertificates;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook under load and abuse at once: thousands of requests, 100 in flight, good reviews
 * mixed with malformed and truncated bodies, oversized bodies announced with
 * {@code Expect: 100-continue}, and slow clients that trickle a body over raw TLS and then
 * abandon it. Every good review must still get its own uid and the right decision, every bad one
 * its 4xx, and the heap after a GC must stay within a bound. Loopback only; about 10–20 s.
 */
@QuarkusTest
class LoadAndAbuseTest {
    private static final int REQUESTS = 4000;
    private static final int IN_FLIGHT = 100;
    private static final int SLOW_CLIENTS = 20;
    private static final int OVERSIZED = 4;
    /** Room for what the run may legitimately keep (metrics, JIT-warmed caches), far below a leak of bodies. */
    private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

    private static final String MUTATE = Fixtures.read("mutate/reference-chart.yaml").get("review").toString();
    private static final String MUTATE_UID = "7f0e5a4c-0001-4d6e-9a51-reference";
    private static final String VALIDATE = Fixtures.read("validate/chart-harbor-migration-job.yaml").get("review").toString();
    private static final String VALIDATE_UID = "5c0e0037-policy-harbor";

    private enum Kind { MUTATE, VALIDATE, MALFORMED, TRUNCATED }

    private record Outcome(Kind kind, String uid, int status, String body) {
    }

    @Test
    void keepsAnsweringGoodReviewsCorrectlyWithBoundedMemory() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls())
                .connectTimeout(Duration.ofSeconds(10)).build();
        // Warm up first, so the heap baseline is taken after start-up and first-use allocations.
        send(client, Kind.MUTATE, 0).join();
        send(client, Kind.VALIDATE, 1).join();
        long heapBefore = heapAfterGc();

        ExecutorService abusers = Executors.newFixedThreadPool(SLOW_CLIENTS + OVERSIZED);
        List<SSLSocket> abandoned = new ArrayList<>();
        List<Future<?>> abuse = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            abuse.add(abusers.submit(() -> trickleAndAbandon(abandoned)));
        }
        for (int i = 0; i < OVERSIZED; i++) {
            abuse.add(abusers.submit(LoadAndAbuseTest::oversized));
        }
        long started = System.nanoTime();
        List<Outcome> outcomes = mixedLoad(client);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        for (Future<?> task : abuse) {
            task.get(60, TimeUnit.SECONDS);
        }
        abusers.shutdown();

        assertThat(outcomes).hasSize(REQUESTS);
        for (Outcome outcome : outcomes) {
            assertRight(outcome);
        }
        // Still serving once the slow clients hold their connections open.
        assertRight(send(client, Kind.MUTATE, -1).join());
        synchronized (abandoned) {
            for (SSLSocket socket : abandoned) {
                socket.close();
            }
        }
        long growth = heapAfterGc() - heapBefore;
        System.out.printf("load and abuse: %d requests in %d ms, heap growth after GC %d KiB%n", REQUESTS,
                elapsedMillis, growth / 1024);
        assertThat(growth).as("heap growth after a GC, bytes").isLessThan(HEAP_GROWTH_BOUND);
    }

    private List<Outcome> mixedLoad(HttpClient client) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Kind[] mix = {Kind.MUTATE, Kind.VALIDATE, Kind.MUTATE, Kind.MALFORMED, Kind.MUTATE, Kind.VALIDATE,
                Kind.TRUNCATED, Kind.MUTATE};
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.acquire();
            pending.add(send(client, mix[i % mix.length], i).whenComplete((outcome, error) -> {
                inFlight.release();
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return List.copyOf(outcomes);
    }

    /** A request of the given kind; good reviews carry a uid of their own, so answers cannot be mixed up. */
    private static CompletableFuture<Outcome> send(HttpClient client, Kind kind, int n) {
        String uid = "load-" + n;
        String body = switch (kind) {
            case MUTATE -> MUTATE.replace(MUTATE_UID, uid);
            case VALIDATE -> VALIDATE.replace(VALIDATE_UID, uid);
            case MALFORMED -> "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": [" + n;
            case TRUNCATED -> MUTATE.substring(0, MUTATE.length() / 2);
        };
        String path = kind == Kind.VALIDATE ? "/validate/warn" : "/mutate";
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + Https.port() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Outcome(kind, uid, response.statusCode(), response.body()));
    }

    private static void assertRight(Outcome outcome) throws Exception {
        switch (outcome.kind()) {
            case MUTATE, VALIDATE -> {
                assertThat(outcome.status()).as(outcome.body()).isEqualTo(200);
                JsonNode response = Json.mapper().readTree(outcome.body()).path("response");
                assertThat(response.path("uid").asText()).isEqualTo(outcome.uid());
                assertThat(response.path("allowed").asBoolean()).isTrue();
                if (outcome.kind() == Kind.MUTATE) {
                    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
                } else {
                    // warn mode: the Harbor-style Job's naming finding (no release in its name) comes back as a warning.
                    assertThat(response.path("warnings").toString()).contains("naming");
                }
            }
            case MALFORMED, TRUNCATED -> {
                assertThat(outcome.status()).isEqualTo(400);
                assertThat(outcome.body()).contains("malformed JSON");
            }
        }
    }

    /** 8 MiB + 1 announced with Expect: 100-continue: refused with 413 before the body is sent. */
    private static Void oversized() {
        byte[] body = new byte[8 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        assertThat(Https.postExpectingContinue("/mutate", body).statusCode()).isEqualTo(413);
        return null;
    }

    /** Headers promising 64 KiB, then a few bytes every 100 ms for 2 s, then silence: the connection is left open. */
    private static Void trickleAndAbandon(List<SSLSocket> abandoned) throws Exception {
        SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket("localhost", Https.port());
        synchronized (abandoned) {
            abandoned.add(socket);
        }
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 65536\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] body = MUTATE.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            out.write(body, i * 8, 8);
            out.flush();
            Thread.sleep(100);
        }
        return null;
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static SSLContext tls() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TestCertificates.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
